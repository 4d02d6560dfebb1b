#!/bin/bash
# Progress of long work: topic ingest of an archive and topic rebuild draw
# one line on standard error when it is a terminal (run under script(1),
# which gives the program a pseudo-terminal), and print nothing more when
# it is not: pipes and files see exactly the output without a meter.
. "$(dirname "$0")/lib.sh" "$@"

archive="$top/data/hf-daily-papers.jsonl.xz"
"$topic" ingest --db "$tmp/a.db" --no-alerts "$archive" >"$tmp/a.out" \
    2>"$tmp/a.err"
check "ingest without a terminal: exit 0" 0 $?
check "ingest without a terminal: nothing on standard error" "" \
    "$(cat "$tmp/a.err")"
check_match "ingest without a terminal: the result line" \
    "snapshot 1: 9112 papers" "$(cat "$tmp/a.out")"
"$topic" rebuild --db "$tmp/a.db" >"$tmp/r.out" 2>"$tmp/r.err"
check "rebuild without a terminal: nothing on standard error" "" \
    "$(cat "$tmp/r.err")"

if command -v script >/dev/null; then
	script -qec "$topic ingest --db $tmp/b.db --no-alerts $archive" \
	    "$tmp/b.log" >/dev/null
	meter=$(tr '\r' '\n' < "$tmp/b.log" | grep -a ' of 959.4K')
	check_match "ingest on a terminal: done of total, percent, rate" \
	    '[0-9.]+[KM]? of 959\.4K \([0-9]+%\), [0-9.]+[KM]?/s' "$meter"
	check_match "ingest on a terminal: it reaches the total" \
	    '959\.4K of 959\.4K \(100%\)' "$meter"
	check_match "ingest on a terminal: the meter is cleared before the result" \
	    $'\033\\[K'"$top/data/hf-daily-papers.jsonl.xz: snapshot 1" \
	    "$(tr '\r' '\n' < "$tmp/b.log")"
	script -qec "$topic rebuild --db $tmp/b.db" "$tmp/c.log" >/dev/null
	check_match "rebuild on a terminal: snapshots done of total" \
	    'topic rebuild: snapshots: 1 of 1 \(100%\)' \
	    "$(tr '\r' '\n' < "$tmp/c.log")"
else
	echo "progress: no script(1), the terminal checks are skipped"
fi
finish
