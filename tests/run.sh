#!/bin/sh
# The test command: install what is missing, build with -Werror and
# AddressSanitizer + UndefinedBehaviorSanitizer, run every test with ctest,
# then every parser's fuzzer for 8 seconds when clang is there, then the
# daemon's pass under valgrind on a build without sanitizers.
# Exits non-zero on any failure.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/packaging/deps.sh" --test
jobs=$(nproc)

build="$top/build-test"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DTOPICD_WERROR=ON \
    -DTOPICD_SANITIZE=ON >/dev/null
cmake --build "$build" -j "$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1
(cd "$build" && ctest --output-on-failure -j "$jobs")
"$top/tests/fuzz/run.sh" 8

plain="$top/build-valgrind"
cmake -S "$top" -B "$plain" -DCMAKE_BUILD_TYPE=Debug -DTOPICD_WERROR=ON \
    -DTOPICD_TESTS=OFF >/dev/null
cmake --build "$plain" -j "$jobs"
unset ASAN_OPTIONS UBSAN_OPTIONS
echo "valgrind: the daemon's pass"
bash "$top/tests/regress/valgrind.sh" "$plain" "$top"
