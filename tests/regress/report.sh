#!/bin/bash
# topic report and topic chart: golden files for every format and for the
# charts' data and scripts (the same database and week give the same
# bytes), hostile titles that never inject markup or run anything, a week
# without data, and gnuplot missing (the text still written, a clear
# error). Regenerate the golden files with UPDATE_GOLDEN=1.
. "$(dirname "$0")/lib.sh" "$@"
golden="$top/tests/golden"
export TOPICD_DB="$tmp/t.db"
"$topic" ingest --source hf "$top/data/hf-daily-papers.jsonl.xz" >/dev/null

"$topic" report --week 2025-W09 -o "$tmp/r" > "$tmp/written"
check "four files, named by the week" "report-2025-W09.txt report-2025-W09.md report-2025-W09.json report-2025-W09.html" \
    "$(xargs -n1 basename < "$tmp/written" | tr '\n' ' ' | sed 's/ $//')"
"$topic" chart --at 2025-03-02 -o "$tmp/c" >/dev/null
check "the charts are drawn" "rising.png share.png topics.png" \
    "$(cd "$tmp/c" && ls *.png | tr '\n' ' ' | sed 's/ $//')"
for f in report-2025-W09.txt report-2025-W09.md report-2025-W09.json; do
	[ -n "$UPDATE_GOLDEN" ] && cp "$tmp/r/$f" "$golden/$f"
	check "$f is the golden file" "" "$(diff "$golden/$f" "$tmp/r/$f" | head -5)"
done
for c in share rising topics; do
	for ext in dat gp; do
		[ -n "$UPDATE_GOLDEN" ] && cp "$tmp/c/$c.$ext" "$golden/chart-$c.$ext"
		check "chart $c.$ext is the golden file" "" \
		    "$(diff "$golden/chart-$c.$ext" "$tmp/c/$c.$ext" | head -5)"
	done
done
"$topic" report --week 2025-W09 -o "$tmp/r2" >/dev/null
check "the HTML is the same bytes on a second run" "" \
    "$(cmp "$tmp/r/report-2025-W09.html" "$tmp/r2/report-2025-W09.html")"
check "the HTML has its three charts inline" 3 \
    "$(grep -o '<figure class="chart"><svg' "$tmp/r/report-2025-W09.html" | wc -l)"
check "the HTML asks the network for nothing" "" \
    "$(grep -oE '(src|href)="https?://[^"]*\.(js|css|png|svg|woff2?)' "$tmp/r/report-2025-W09.html")"
check "stdout gets one format" "$(cat "$tmp/r/report-2025-W09.md")" \
    "$("$topic" report --week 2025-W09 --format md)"
check "the text fits 80 columns" 0 \
    "$(python3 -c 'import sys; print(sum(len(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' "$tmp/r/report-2025-W09.txt")"

# Hostile titles: markup, quotes, backticks, system(), new lines.
evil='{"date":"2025-03-0DAY","id":"evil-DAY","title":"<script>alert(1)</script> `touch pwned` system(\"touch pwned2\") \"quoted\" Zorbnet","abstract":"Zorbnet <b>bold</b> | pipe [link](javascript:alert(1)) Zorbnet zorbnet again with \\\\ backslash"}'
for d in 3 4 5 6 7 8 9; do
	for k in 1 2 3 4; do echo "$evil" | sed "s/DAY/$d/g; s/evil-$d/evil-$d-$k/"; done
done > "$tmp/evil.jsonl"
export TOPICD_DB="$tmp/e.db"
"$topic" ingest --source hf "$top/data/hf-daily-papers.jsonl.xz" >/dev/null
"$topic" ingest --source evil "$tmp/evil.jsonl" >/dev/null
cd "$tmp"
"$topic" report --at 2025-03-09 -o "$tmp/e" >/dev/null 2>&1
"$topic" chart --at 2025-03-09 -o "$tmp/ec" >/dev/null 2>&1
check "hostile titles run nothing" "" "$(ls "$tmp" "$tmp/e" "$tmp/ec" | grep pwned)"
check "the HTML holds no raw script tag from data" "" \
    "$(grep -o '<script>alert' "$tmp/e/report-2025-W10.html")"
check_match "... but shows it escaped" '&lt;script&gt;alert\(1\)&lt;/script&gt;' \
    "$(cat "$tmp/e/report-2025-W10.html")"
check "the Markdown escapes markup" "" \
    "$(grep -F '<script>' "$tmp/e/report-2025-W10.md")"
check "the chart labels hold no quote or backtick" "" \
    "$(cut -f1 "$tmp/ec/rising.dat" | tail -n +2 | tr -d '"' | grep -E "[\`'\"]")"

# A week without data says so.
export TOPICD_DB="$tmp/t.db"
out=$("$topic" report --week 2023-W48)
check_match "a week without data: a report that says so" "0 papers on 0 known days" "$out"
check_match "... and says nothing is about it" "No paper this week" "$out"

# gnuplot missing: the text is written, the HTML without charts, an error.
mkdir -p "$tmp/bin"
for tool in sh bash cat; do ln -sf "$(command -v $tool)" "$tmp/bin/$tool"; done
err=$(PATH="$tmp/bin" "$topic" report --week 2025-W09 -o "$tmp/nog" 2>&1 >/dev/null); rc=$?
check "without gnuplot: exit 1" 1 "$rc"
check_match "without gnuplot: a clear error" "gnuplot: cannot run it .*install gnuplot-nox" "$err"
check "without gnuplot: the text report is still written" "" \
    "$(diff "$tmp/r/report-2025-W09.txt" "$tmp/nog/report-2025-W09.txt")"
check_match "... and the HTML says why it has no charts" "No charts: gnuplot" \
    "$(cat "$tmp/nog/report-2025-W09.html")"
check "no temporary file is left" "" "$(ls -A "$tmp/nog" | grep -v '^report-')"

# Bad input.
err=$("$topic" report --week 2025-W60 2>&1); rc=$?
check "a bad week: exit 1 and why" "1 topic: --week 2025-W60: not an ISO week (YYYY-Www, like 2025-W09)" "$rc $err"
err=$("$topic" report --format pdf 2>&1); rc=$?
check "a bad format: exit 1 and why" "1 topic: --format pdf: not text, md, json or html" "$rc $err"
finish
