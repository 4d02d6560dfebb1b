# Shared by the benchmarks: a Release build of the programs and a scratch
# directory. Usage in a script, after setting top: . "$top/tests/bench/lib.sh"

# bench_build DIR: configure DIR (once) and bring its build up to date,
# so that a benchmark never times programs older than the source.
bench_build() {
	[ -f "$1/CMakeCache.txt" ] ||
	    cmake -S "$top" -B "$1" -DCMAKE_BUILD_TYPE=Release \
	    -DTOPICD_TESTS=OFF >/dev/null
	cmake --build "$1" -j "$(nproc)" >/dev/null
}

# bench_setup DIR: what a benchmark needs (packaging/deps.sh --bench
# installs what is missing when run as root) and an up-to-date build in DIR.
bench_setup() {
	"$top/packaging/deps.sh" --bench
	bench_build "$1"
}

# bench_tmpdir NAME: a scratch directory in $tmp, removed when the script
# exits (a script that must also stop processes sets its own trap after).
bench_tmpdir() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/topicd-$1.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
}
