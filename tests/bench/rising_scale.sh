#!/bin/bash
# Scale benchmark (not a test): a synthetic arXiv-size archive (DAYS days
# of PER_DAY papers, default 400 x 1100 = 440,000 papers, Zipf vocabulary
# of made-up words, planted events), ingested one daily snapshot at a
# time as the daemon would; prints the ingest time of the first and last
# days, the database size per paper, and how long topic rising takes at
# the last day. topic rising reads the window, the baseline and one year
# of background, so its time at the end of 400 days is close to its time
# on five years (the plan for two million papers is in doc/rising.md).
# Usage: tests/bench/rising_scale.sh [BUILD-DIR] [DAYS] [PER_DAY]
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
days=${2:-400}
per_day=${3:-1100}
topic="$build/topic"
. "$top/tests/bench/lib.sh"
bench_tmpdir scale
export TOPICD_DB="$tmp/scale.db"

python3 "$top/tests/bench/synth_archive.py" "$tmp/days" "$days" "$per_day"
first=""
i=0
for f in "$tmp"/days/*.jsonl; do
	i=$((i + 1))
	t0=$(date +%s%N)
	"$topic" ingest --source synth "$f" >/dev/null
	t1=$(date +%s%N)
	ms=$(((t1 - t0) / 1000000))
	[ -z "$first" ] && first=$ms
	[ $((i % 50)) -eq 0 ] && echo "day $i: ingest $ms ms"
done
echo "ingest of a day: first $first ms, last $ms ms ($per_day papers)"
papers=$("$topic" stats --json | sed 's/.*"documents":\([0-9]*\).*/\1/')
size=$(du -k "$TOPICD_DB" | cut -f1)
echo "database: $size KiB for $papers papers ($((size * 1024 / papers)) bytes a paper)"
"$topic" stats
for args in "" "--json" "--window 4w --baseline 12w" "--falling" "--steady"; do
	best=999999
	for r in 1 2 3; do
		t0=$(date +%s%N)
		# shellcheck disable=SC2086
		"$topic" rising $args >/dev/null
		t1=$(date +%s%N)
		ms=$(((t1 - t0) / 1000000))
		[ "$ms" -lt "$best" ] && best=$ms
	done
	printf 'rising %-28s best of 3: %5d ms\n' "$args" "$best"
done
"$topic" rising --limit 10
