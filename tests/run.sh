#!/bin/sh
# The test command: install what is missing, build with -Werror and
# AddressSanitizer + UndefinedBehaviorSanitizer, run every test with ctest,
# then every parser's fuzzer for 8 seconds when clang is there.
# Exits non-zero on any failure.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/packaging/deps.sh"
build="$top/build-test"
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DTOPICD_WERROR=ON \
    -DTOPICD_SANITIZE=ON >/dev/null
cmake --build "$build" -j "$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$build" && ctest --output-on-failure -j "$(nproc)")
"$top/tests/fuzz/run.sh" 8
