# Shared by the benchmarks: a Release build of the programs.
# Usage in a script, after setting top: . "$top/tests/bench/lib.sh"

# bench_build DIR: configure DIR (once) and bring its build up to date,
# so that a benchmark never times programs older than the source.
bench_build() {
	[ -f "$1/CMakeCache.txt" ] ||
	    cmake -S "$top" -B "$1" -DCMAKE_BUILD_TYPE=Release \
	    -DTOPICD_TESTS=OFF >/dev/null
	cmake --build "$1" -j "$(nproc)" >/dev/null
}
