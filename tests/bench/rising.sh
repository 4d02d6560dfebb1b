#!/bin/bash
# Benchmark (not a test): how long topic rising takes over the whole
# vocabulary of the Hugging Face archive (9,111 papers, 602 days, about
# 34,000 terms), for the default window and for a quarter, and how long
# topic topics and a search take. Prints the best and the median of RUNS.
# Usage: tests/bench/rising.sh [BUILD-DIR] [RUNS]
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
runs=${2:-20}
topic="$build/topic"
. "$top/tests/bench/lib.sh"
bench_tmpdir bench
export TOPICD_DB="$tmp/hf.db"
"$topic" ingest "$top/data/hf-daily-papers.jsonl.xz" >/dev/null

# bench NAME ARGS...: best and median wall time of runs, in ms.
bench() {
	local name=$1 i t0 t1
	shift
	for i in $(seq "$runs"); do
		t0=$(date +%s%N)
		"$topic" "$@" >/dev/null
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000))
	done | sort -n | awk -v name="$name" '{ v[NR] = $1 }
	    END { printf "%-44s best %7.1f ms  median %7.1f ms\n", name,
	    v[1] / 1000, v[int((NR + 1) / 2)] / 1000 }'
}

echo "database: $(du -k "$TOPICD_DB" | cut -f1) KiB for" \
    "$("$topic" stats --json | sed 's/.*"documents":\([0-9]*\).*/\1/') papers"
bench "rising (7d against 28d, last day)" rising
bench "rising --at 2025-02-14" rising --at 2025-02-14
bench "rising --window 12w --baseline 24w" rising --at 2025-04-12 \
    --window 12w --baseline 24w
bench "rising --json --window 12w --baseline 24w" rising --at 2025-04-12 \
    --window 12w --baseline 24w --json
bench "rising --falling" rising --falling
bench "rising --steady (12 weeks)" rising --steady
bench "topics" topics
bench "search 'gaussian splatting'" search 'gaussian splatting'
