#!/bin/bash
# topic rising, topics, search and rebuild on the Hugging Face archive
# (9,111 papers, 602 days, about 15 short summaries a day): the known
# events of shared/data/README.md rise, one event is one item, the
# output is deterministic and fits the terminal, and bad input gets one
# line and exit status 1.
#
# The archive is thin (o1 is in 2 to 14 papers a month, GRPO in 1 to 7),
# so the events are looked for with the default window (auto: the weeks
# that hold 1,000 papers), with month and quarter windows (--window 4w
# --baseline 12w, --window 12w --baseline 24w), scanning --at week by
# week over the dates the README gives, and with a week's window
# scanning day by day where a week holds them at all (R1 and GRPO are in
# 1 or 2 papers a week in February 2025: no week can show them).
. "$(dirname "$0")/lib.sh" "$@"
hf="$top/data/hf-daily-papers.jsonl.xz"
export TOPICD_DB="$tmp/t.db"
"$topic" ingest "$hf" >/dev/null

# The item terms and members of a JSON report, one a line, lower case.
terms() {
	printf '%s' "$1" | grep -o '"term":"[^"]*"\|"members":\[[^]]*\]' |
	    sed 's/"term"://; s/"members"://; s/[][]//g' | tr ',' '\n' |
	    tr -d '"' | tr 'A-Z' 'a-z'
}

# found PATTERN FROM TO STEP-DAYS RISING-OPTIONS...: the first --at in
# [FROM, TO] whose top 20 has an item or member matching PATTERN
# (grep -E, whole line), or nothing.
found() {
	local pattern=$1 d=$2 to=$3 step=$4 out
	shift 4
	while [ ! "$d" \> "$to" ]; do
		out=$("$topic" rising --at "$d" --json "$@" 2>/dev/null)
		if terms "$out" | grep -Eqx -- "$pattern"; then
			echo "$d"
			return
		fi
		d=$(date -u -d "$d + $step days" +%F)
	done
}

month="--window 4w --baseline 12w"
week="--window 7d"
for w in "" "$week"; do
	step=7
	[ -n "$w" ] && step=1
	# shellcheck disable=SC2086
	check_match "o1 rises in the weeks after 2024-09-12 (${w:-auto})" '^20' \
	    "$(found 'o1' 2024-09-12 2025-02-28 $step $w)"
	# shellcheck disable=SC2086
	check_match "test-time scaling rises in early 2025 (${w:-auto})" \
	    '^2025-0[1-3]' \
	    "$(found 'test-time( scaling)?' 2025-01-01 2025-03-31 $step $w)"
done
check_match "R1 rises in February 2025 (auto)" '^2025-02' \
    "$(found 'deepseek|r1|deepseek-r1' 2025-02-01 2025-02-28 7)"
check_match "GRPO rises in early 2025 (auto)" '^2025-0[1-3]' \
    "$(found 'grpo' 2025-01-01 2025-03-31 7)"
quarter="--window 12w --baseline 24w"
# shellcheck disable=SC2086
check_match "o1 rises in the weeks after 2024-09-12" '^20' \
    "$(found 'o1' 2024-09-12 2025-02-28 7 $quarter)"
# shellcheck disable=SC2086
check_match "DeepSeek or R1 rises in late January or February 2025" \
    '^2025-0[12]' "$(found 'deepseek|r1|deepseek-r1' 2025-01-20 2025-02-28 7 $month)"
# shellcheck disable=SC2086
check_match "test-time scaling rises in early 2025" '^2025-0[1-3]' \
    "$(found 'test-time( scaling)?' 2025-01-01 2025-03-31 7 $month)"
# shellcheck disable=SC2086
check_match "test-time scaling names its cluster over a quarter" \
    '^2025-0[1-3]' "$(found 'test-time scaling' 2025-01-01 2025-03-31 7 $quarter)"
# shellcheck disable=SC2086
check_match "GRPO rises in the first half of 2025" '^2025-0[1-6]' \
    "$(found 'grpo' 2025-01-01 2025-06-30 7 $quarter)"

# One event is one item: "R1", "DeepSeek" and "DeepSeek-R1" in one line.
# shellcheck disable=SC2086
out=$("$topic" rising --at 2025-04-12 --json $quarter)
check_match "R1 and DeepSeek-R1 are one item" \
    '"term":"R1","kind":"term",[^}]*"members":\[[^]]*"DeepSeek-R1"' "$out"
check "no term is both an item and a member" "" \
    "$(terms "$out" | sort | uniq -d)"
check "the JSON holds no NaN or infinity" "" \
    "$(printf '%s' "$out" | grep -Eio '[:,[]-?(nan|inf)' | head -1)"
check_match "the JSON has the documented shape" \
    '^\{"at":"2025-04-12","window":\{"from":"2025-01-19","to":"2025-04-12","documents":[0-9]+,"days":[0-9]+\},"baseline":\{"from":"2024-08-04","to":"2025-01-18",.*"items":\[\{"term":"[^"]+","kind":"(term|phrase|topic)","a":[0-9]+,"n1":[0-9]+,"b":[0-9]+,"n2":[0-9]+,"g2":[0-9.]+,"log_ratio":[0-9.]+,"score":[0-9.]+,"history_shape":[0-9.]+,"confidence":"(significant|tentative)","new":(true|false),"members":\[[^]]*\],"examples":\[\{"id":"[0-9.]+","title":"[^"]+","url":(null|"[^"]*"),"day":"2025-[^"]*"\}' "$out"
check_match "scores have six significant digits" '"g2":65.9671,' "$out"
# shellcheck disable=SC2086
check "the same database and date give the same bytes" "$out" \
    "$("$topic" rising --at 2025-04-12 --json $quarter)"

# A full list every week: 20 items, each labelled, no name twice (case,
# plural and hyphens aside), on the default window at dates a quarter
# apart; what is labelled significant has signed G2 of 10.83 or more.
for d in 2024-06-01 2024-09-01 2024-12-01 2025-03-01 2025-06-01 2025-09-01 \
    2025-12-01; do
	out=$("$topic" rising --at "$d" --json)
	check "$d: the default list is full" 20 \
	    "$(printf '%s' "$out" | grep -o '"confidence":"[a-z]*"' | wc -l |
	    tr -d ' ')"
	check "$d: no name twice" "" \
	    "$(printf '%s' "$out" | grep -o '"term":"[^"]*"' | tr 'A-Z-' 'a-z ' |
	    sed 's/s"$/"/; s/s /" /g' | sort | uniq -d)"
	check "$d: a significant item has G2 >= 10.83" "" \
	    "$(printf '%s' "$out" | grep -o '"g2":[0-9.-]*,"log_ratio":[^,]*,"score":[^,]*,"history_shape":[^,]*,"confidence":"significant"' |
	    awk -F'[:,]' '$2 < 10.83' | head -1)"
done
# Prose is learned from the data: a word whose papers share no subject.
# shellcheck disable=SC2086
out=$("$topic" rising --at 2025-04-12 --json --limit 40 $quarter)
check "\"examines\" (prose of the summaries) is not an item" "" \
    "$(printf '%s' "$out" | grep -o '"term":"examines"')"
check_match "R1 is significant there" \
    '"term":"R1",[^{]*"confidence":"significant"' "$out"
# The titles-only archive of another field gets a full list too.
TOPICD_DB="$tmp/cv.db" "$topic" ingest "$top/data/cv-arxiv-titles.jsonl.xz" \
    >/dev/null
check "a titles-only archive: a full list" 20 \
    "$(TOPICD_DB="$tmp/cv.db" "$topic" rising --at 2024-01-15 --json |
    grep -o '"confidence"' | wc -l | tr -d ' ')"
check_match "Gaussian splatting rises there at the end of 2023" \
    '"term":"(3D )?Gaussian [Ss]platting' \
    "$(TOPICD_DB="$tmp/cv.db" "$topic" rising --at 2023-12-15 --json)"

# Unknown days count in no window: the baseline of 2024-02-10 starts in
# the archive's gap (nothing before 2024-01-11), and N2 and its days are
# those of the known days only, as topic series counts them.
out=$("$topic" rising --at 2024-02-10 --window 7d --json)
known=$("$topic" series --by day --from 2024-01-07 --to 2024-02-03 --csv \
    model | awk -F, 'NR > 1 { d++; n += $2 } END { print d "," n }')
check "unknown days are in no window" "\"baseline\":{\"from\":\"2024-01-07\",\"to\":\"2024-02-03\",\"documents\":${known#*,},\"days\":${known%,*}}" \
    "$(printf '%s' "$out" | grep -o '"baseline":{[^}]*}')"

# Text: a table that fits the terminal (titles whole to a pipe), counts
# beside the scores.
# shellcheck disable=SC2086
text=$("$topic" rising --at 2025-04-12 $quarter)
check_match "text shows a header with the counts" \
    ' #  term +a +N1 +b +N2 +G2 +LR +score' "$text"
check "text to a pipe: titles whole, never cut" "" \
    "$(printf '%s\n' "$text" | grep -E '^    [0-9]{4}\.[0-9]{4,5} .*~$')"
if command -v script >/dev/null; then
	for cols in 80 120; do
		# shellcheck disable=SC2086
		script -qec "COLUMNS=$cols $topic rising --at 2025-04-12 $quarter" \
		    "$tmp/tty.log" >/dev/null
		check "text on a terminal of $cols columns fits it" 0 \
		    "$(grep -av '^Script ' "$tmp/tty.log" | tr -d '\r' |
		    awk -v c="$cols" 'length > c' | wc -l | tr -d ' ')"
	done
	check_match "a title is cut to the terminal with ~" '~$' \
	    "$(tr -d '\r' < "$tmp/tty.log" | grep -aE '^    [0-9]{4}\.')"
fi
check "the default window answers" 0 \
    "$("$topic" rising >/dev/null 2>&1; echo $?)"
check "falling answers" 0 \
    "$("$topic" rising --falling $quarter >/dev/null 2>&1; echo $?)"
check_match "--window auto takes the weeks it needs" \
    '^Rising at 2025-03-14, window 2024-12-21..2025-03-14 \(1081 papers' \
    "$("$topic" rising --window auto --at 2025-03-14)"
check_match "R1 rises under --window auto in March 2025" '^2025-03' \
    "$(found 'r1' 2025-03-01 2025-03-31 7 --window auto)"
check "steady risers answer" 0 \
    "$("$topic" rising --steady >/dev/null 2>&1; echo $?)"
check_match "a phrase-only list holds only phrases" '^(phrase)?$' \
    "$("$topic" rising --at 2025-04-12 --kind phrase --json $quarter |
    grep -o '"kind":"[a-z]*"' | sort -u | sed 's/"kind":"//; s/"//')"

# Topics: every shipped topic with its counts; rebuild recounts the same.
topics=$("$topic" topics --json)
check_match "topics lists the shipped topics" '"term":"Gaussian splatting"' \
    "$topics"
check_match "topics text has a trend column" '12-week trend' \
    "$("$topic" topics)"
before=$("$topic" stats --json)
check_match "rebuild says what it recounted" '^rebuilt: 9111 papers from 1 snapshot$' \
    "$("$topic" rebuild)"
check "rebuild keeps every count" "$before" "$("$topic" stats --json)"
check "rebuild keeps the topics' counts" "$topics" "$("$topic" topics --json)"
check_match "rebuild of a database that is not there is refused" \
    'none.db: no such database' \
    "$("$topic" rebuild --db "$tmp/none.db" 2>&1; echo "exit $?")"
check_match "and exits 1" 'exit 1$' \
    "$("$topic" rebuild --db "$tmp/none.db" 2>&1; echo "exit $?")"
check "and creates no file there" "absent" \
    "$([ -e "$tmp/none.db" ] && echo present || echo absent)"
printf 'Splats: Gaussian splatting, 3DGS\n' > "$tmp/topics.txt"
"$topic" rebuild --topics "$tmp/topics.txt" >/dev/null
check_match "a new topics file is counted after rebuild" '"term":"Splats"' \
    "$("$topic" topics --json --topics "$tmp/topics.txt")"

# Search: FTS5 over titles and abstracts, within dates.
check_match "search finds a title" '^2025-01-22  2501.12948 +DeepSeek-R1' \
    "$("$topic" search --from 2025-01-22 --to 2025-01-22 'DeepSeek-R1')"
check_match "search as JSON" '^\{"items":\[\{"id":"[0-9.]+","title":' \
    "$("$topic" search --json --limit 1 'gaussian splatting')"

# Bad input: one line naming what is wrong, exit status 1.
bad() {
	local name=$1 pattern=$2 err rc
	shift 2
	err=$("$topic" "$@" 2>&1 >/dev/null)
	rc=$?
	check "$name: exit status" 1 "$rc"
	check "$name: one line" 1 "$(printf '%s\n' "$err" | wc -l | tr -d ' ')"
	check_match "$name: says what" "$pattern" "$err"
}
bad "--at after the data" '^topic: --at 2026-03-01: outside the data \(2023-10-30 to 2025-12-31\)$' \
    rising --at 2026-03-01
bad "--at before the data" 'outside the data' rising --at 2020-01-01
bad "an empty window" '^topic: the window 2023-11-09..2023-11-15 has no known day' \
    rising --at 2023-11-15 --window 7d
bad "a baseline without known days" '^topic: the baseline 2023-12-11..2024-01-07 has no known day' \
    rising --at 2024-01-14 --window 7d
bad "a window longer than the history" 'starts before the first day with data \(2023-10-30\)$' \
    rising --window 200w
bad "a malformed duration" '^topic: --window 7: not a duration \(7d, 4w, auto\)$' \
    rising --window 7
bad "a zero duration" 'not a duration' rising --baseline 0d
bad "an unknown unit" 'not a duration' rising --window 3m
bad "a bad date" 'not a date YYYY-MM-DD' rising --at 2025-02-30
bad "an unknown kind" '^topic: --kind words: not term, phrase, topic or all$' \
    rising --kind words
printf 'Good: LLM\nno colon on this line\n' > "$tmp/bad-topics.txt"
bad "a topics file with an error" "^topic: $tmp/bad-topics.txt:2: expected \"NAME: pattern, pattern, ...\", found no ':'$" \
    rising --topics "$tmp/bad-topics.txt"
printf 'A: x1\na: y1\n' > "$tmp/dup-topics.txt"
bad "a topic defined twice" "^topic: $tmp/dup-topics.txt:2: topic \"a\" is defined twice \(first on line 1\)$" \
    topics --topics "$tmp/dup-topics.txt"
bad "a search syntax error" '^topic: search "AND OR": fts5: syntax error' \
    search 'AND OR'
# A word that rises only in abstracts is prose, not a topic: the last week
# of the archive (machine-written summaries) lists none of its tics.
last=$("$topic" rising --json --at 2025-12-31)
for w in Teaching old words rules trick Tell happening; do
	check "\"$w\" (abstract prose) is not a rising item" "" \
	    "$(printf '%s' "$last" | grep -o "\"term\":\"$w\"")"
done


# Every example paper links to its page: the archive's papers are arXiv
# ids without a link of their own, so each is its arXiv abstract.
urls=$("$topic" rising --at 2025-02-20 --limit 5 --json | grep -o '"url":[^,}]*' | sort -u)
check "every example links to a page" "" \
    "$(printf '%s\n' "$urls" | grep -v '^"url":"https://arxiv.org/abs/[0-9]\{4\}\.[0-9]\{4,5\}"$')"
check_match "examples link to their arXiv abstracts" '"url":"https://arxiv.org/abs/' "$urls"
finish
