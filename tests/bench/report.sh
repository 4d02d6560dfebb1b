#!/bin/bash
# Report benchmark: a week's report in every format (the HTML with its
# three gnuplot charts inline) and the week's charts as PNG, on the HF
# archive. Prints the median of 5 runs of each; asserts nothing.
#
# usage: tests/bench/report.sh [BUILD_DIR]
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build-bench}
. "$top/tests/bench/lib.sh"
bench_setup "$build"
bench_tmpdir bench
export TOPICD_DB="$tmp/t.db"
"$build/topic" ingest "$top/data/hf-daily-papers.jsonl.xz" >/dev/null

# median SECONDS of 5 runs of a command
median() {
	for i in 1 2 3 4 5; do
		rm -rf "$tmp/out"
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1
		echo $(( ($(date +%s%N) - s) / 1000000 ))
	done | sort -n | sed -n 3p
}
r=$(median "$build/topic" report --week 2025-W09 -o "$tmp/out")
t=$(median "$build/topic" report --week 2025-W09)
c=$(median "$build/topic" chart --at 2025-03-02 -o "$tmp/out")
printf '%-52s %8s\n' "figure (HF archive, week 2025-W09, median of 5)" "ms"
printf '%-52s %8s\n' "topic report, text to stdout" "$t"
printf '%-52s %8s\n' "topic report -o: text, md, json, html + 3 SVG charts" "$r"
printf '%-52s %8s\n' "topic chart: 3 PNG charts" "$c"
