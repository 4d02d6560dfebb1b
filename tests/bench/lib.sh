# Shared by the benchmarks: a Release build of the programs.
# Usage in a script, after setting top: . "$top/tests/bench/lib.sh"

# bench_build DIR: configure and build DIR unless it has every program.
bench_build() {
	if [ -x "$1/topic" ] && [ -x "$1/topicd" ] && [ -x "$1/count_only" ]
	then
		return 0
	fi
	cmake -S "$top" -B "$1" -DCMAKE_BUILD_TYPE=Release \
	    -DTOPICD_TESTS=OFF >/dev/null
	cmake --build "$1" -j "$(nproc)" >/dev/null
}
