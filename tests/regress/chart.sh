#!/bin/bash
# topic chart: images drawn by gnuplot, the same data and script files on
# every run, hostile labels that run nothing, and a clear error (with the
# data and script still written) when gnuplot is missing.
. "$(dirname "$0")/lib.sh" "$@"
export TOPICD_DB="$tmp/t.db"
"$topic" ingest "$top/data/hf-daily-papers.jsonl.xz" >/dev/null
cd "$tmp"

out=$("$topic" chart --series --by month -o "$tmp/a" o1 R1 "test-time scaling" 2>&1)
check "a chart is written where it says" "$tmp/a/series.png" "$out"
check "it is a PNG" "PNG" "$(head -c 4 "$tmp/a/series.png" | tail -c 3)"
"$topic" chart --series --by month -o "$tmp/b" o1 R1 "test-time scaling" >/dev/null
check "the data file is the same on every run" "" "$(cmp "$tmp/a/series.dat" "$tmp/b/series.dat")"
check "the script is the same on every run" "" "$(cmp "$tmp/a/series.gp" "$tmp/b/series.gp")"
"$topic" chart --series --format svg -o "$tmp/a" mamba >/dev/null
check_match "an SVG on request" "<svg" "$(head -c 400 "$tmp/a/series.svg")"
check "no temporary folder is left" "" "$(ls -A "$tmp/a" | grep topic-chart)"

"$topic" chart --series -o "$tmp/evil" mamba '`touch pwned1`' \
    'system("touch pwned2")' '"; system("touch pwned3"); "' >/dev/null 2>&1
check "hostile labels run nothing" "" "$(ls "$tmp" "$tmp/evil" | grep pwned)"
check "... and were drawn, harmless" "yes" \
    "$([ -s "$tmp/evil/series.png" ] && grep -q 'system(’touch pwned2’)' "$tmp/evil/series.dat" && echo yes)"

mkdir -p "$tmp/bin"
for tool in sh bash cat; do ln -sf "$(command -v $tool)" "$tmp/bin/$tool"; done
err=$(PATH="$tmp/bin" "$topic" chart --series -o "$tmp/nognuplot" mamba 2>&1); rc=$?
check "without gnuplot: exit 1" 1 "$rc"
check_match "without gnuplot: says so" "^topic: gnuplot: cannot run it .*install gnuplot-nox$" "$err"
check "without gnuplot: the data and script are still written" "series.dat series.gp" \
    "$(ls "$tmp/nognuplot" | tr '\n' ' ' | sed 's/ $//')"
err=$("$topic" chart --series -o "$tmp/c" --from 2030-01-01 mamba 2>&1); rc=$?
check "no data in the range: exit 1 and a reason" "1 topic: no known day in the range: nothing to draw" "$rc $err"
finish
