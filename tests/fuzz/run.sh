#!/bin/sh
# Build the fuzzers with clang (a build directory of their own) and run
# each for a bounded time on seeds from tests/data; no network needed.
# Usage: tests/fuzz/run.sh [SECONDS-EACH]  (default 8)
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-8}
build="$top/build-fuzz"
command -v clang >/dev/null || { echo "fuzz: no clang, skipped"; exit 0; }
CC=clang cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTOPICD_FUZZ=ON -DTOPICD_TESTS=OFF >/dev/null
set -- text jsonl rss rdf atom hfjson html query topics config
for f; do targets="$targets --target fuzz_$f"; done
cmake --build "$build" -j "$(nproc)" $targets >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/topicd-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
d="$top/tests/data"
seeds() {
	case $1 in
	text) echo "$top/tests/fixtures/seed-hf-2025-03-14.txt" ;;
	jsonl) xz -dc "$top/data/hf-daily-papers.jsonl.xz" | head -50 > "$work/a.jsonl"
	    echo "$work/a.jsonl" ;;
	rss) echo "$d/arxiv-rss-cs.CL.xml $d/arxiv-rss-empty.xml $d/rss-quirks.xml $d/rss-latin1.xml $d/rss-cp1252.xml $d/rss-utf16.xml $d/rss-truncated.xml" ;;
	rdf) echo "$d/arxiv-rdf-cs.CL.xml" ;;
	atom) echo "$d/arxiv-api.atom $d/arxiv-api-error.atom $d/arxiv-api-empty.atom" ;;
	hfjson) echo "$d/hf-daily-papers-2025-03-14.json" ;;
	html) echo "$d/hf-papers-2025-03-14.html $d/hf-papers-cards.html" ;;
	query) printf 'term=agent&term=large+language%%20models&by=week&from=2025-01-01&to=2025-03-14' > "$work/q1"
	    printf 'week=2025-W11&q=%%C3%%A9t%%C3%%A9&x&&term=%%zz' > "$work/q2"
	    echo "$work/q1 $work/q2" ;;
	topics) { echo "mamba"; cat "$top/words/topics.txt"; } > "$work/t1"
	    printf 'of the\nA: of the, LoRA\n  B2\n' > "$work/t2"
	    echo "$work/t1 $work/t2" ;;
	config) echo "$top/packaging/topicd.conf.sample" ;;
	esac
}
for f; do
	mkdir -p "$work/$f" "$work/$f.seed"
	cp $(seeds "$f") "$work/$f.seed/"
	ASAN_OPTIONS=detect_leaks=1 "$build/tests/fuzz/fuzz_$f" \
	    -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 \
	    -timeout=10 -print_final_stats=0 -artifact_prefix="$work/" \
	    "$work/$f" "$work/$f.seed" >"$work/$f.log" 2>&1 || {
		echo "fuzz_$f: FAILED" >&2
		tail -40 "$work/$f.log" >&2
		mkdir -p "$top/build-fuzz/crashes"
		cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
		    "$top/build-fuzz/crashes/" 2>/dev/null || true
		exit 1
	}
	echo "fuzz_$f: $(grep -o 'DONE.*\|#[0-9]*.*DONE' "$work/$f.log" | tail -1) ok"
done
