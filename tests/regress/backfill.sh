#!/bin/bash
# topic backfill against a loopback Daily Papers API (backfill_httpd.py):
# a week of past days, one of them failing with 500 once, one answering
# 429 with Retry-After, one slow, one 404 for good, one without papers;
# an interrupted run (SIGINT after its first stored day) resumed twice
# without asking again for a stored day; SIGTERM during a request
# finishes it; a full disk stops the run with the database whole; and
# the bad inputs. Requests are 3 s apart, so this takes about 40 s.
. "$(dirname "$0")/lib.sh" "$@"

python3 "$top/tests/regress/backfill_httpd.py" \
    "$top/tests/data/hf-daily-papers-2025-03-14.json" "$tmp/port" "$tmp/log" &
server=$!
trap 'kill $server $run 2>/dev/null; rm -rf "$tmp"' EXIT
for i in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")
: > "$tmp/log"

cat > "$tmp/t.conf" <<CONF
database = $tmp/t.db
user_agent = topicd-backfill-test/1
[source hf]
url = http://127.0.0.1:$port/api/daily_papers?date=%Y-%m-%d
[source plain]
url = http://127.0.0.1:$port/api/daily_papers
CONF
export TOPICD_CONF="$tmp/t.conf"

# snapshots: how many the database holds (0 before it exists).
snapshots() {
	[ -f "$tmp/t.db" ] || { echo 0; return; }
	json_field "$("$topic" stats --json 2>/dev/null)" snapshots
}

# The bad inputs: one line each, exit 1, nothing fetched or stored.
bad() {
	local name=$1 want=$2; shift 2
	err=$("$topic" backfill "$@" 2>&1); rc=$?
	check "$name: exit status" 1 "$rc"
	check_match "$name: says what and where" "$want" "$err"
	check "$name: one line" 1 "$(printf '%s\n' "$err" | wc -l)"
}
bad "an impossible date" '^topic: --from 2025-02-30: not a date YYYY-MM-DD$' \
    --from 2025-02-30 --to 2025-03-02 hf
bad "--from after --to" '^topic: --from 2025-03-09 is after --to 2025-03-03$' \
    --from 2025-03-09 --to 2025-03-03 hf
bad "a range in the future" \
    '^topic: --to 2999-01-01 is after today \([0-9-]{10}\): no digest to fetch yet; nothing fetched$' \
    --from 2025-03-03 --to 2999-01-01 hf
bad "a source without a date field" \
    "^topic: $tmp/t.conf:5: source plain: url http://127.0.0.1:$port/api/daily_papers carries no date field \(such as %Y-%m-%d\) to backfill by$" \
    --from 2025-03-03 --to 2025-03-04 plain
bad "an unknown source" "^topic: backfill nosuch: $tmp/t.conf has no \[source nosuch\]$" \
    --from 2025-03-03 --to 2025-03-04 nosuch
bad "a wait below 3 s" '^topic: --wait 1: want whole seconds from 3 ' \
    --wait 1 --from 2025-03-03 --to 2025-03-04 hf
check "bad inputs: nothing requested" "" "$(cat "$tmp/log")"
check "bad inputs: no database made" 0 "$(snapshots)"

# stop SIGNAL: signal the backfill in the background, its exit status in rc.
stop() {
	kill -"$1" $run
	wait $run; rc=$?
	run=
}

one_snapshot() { [ "$(snapshots)" = 1 ]; }

# A week, interrupted after its first stored day (while waiting or
# during the next request: either way it stops before the week is done).
"$topic_bin" backfill --from 2025-03-03 --to 2025-03-09 hf \
    > "$tmp/out1" 2> "$tmp/err1" &
run=$!
wait_for 60 one_snapshot
stop INT
check "interrupted: exit status 130" 130 "$rc"
check_match "interrupted: says where it stopped" \
    '^topic: backfill hf: interrupted \(SIGINT\) at 2025-03-0[45]; run it again to resume$' \
    "$(tail -1 "$tmp/err1")"
check_match "interrupted: the summary" \
    '^backfill hf 2025-03-03\.\.2025-03-09: 1 fetched, 0 empty, 0 already stored, [01] failed, [56] left$' \
    "$(cat "$tmp/out1")"
check "interrupted: the first day stored" 1 "$(snapshots)"
check "the configured User-Agent" "topicd-backfill-test/1" \
    "$(awk '{print $3}' "$tmp/log" | sort -u)"

# Resumed: the stored day is not asked for again; the 429 is retried
# after its Retry-After; the 404 fails; the empty day is known.
out=$("$topic" backfill --from 2025-03-03 --to 2025-03-09 hf 2> "$tmp/err2"); rc=$?
check "resumed: exit status 1 (a day failed)" 1 "$rc"
check_match "resumed: the summary" \
    '^backfill hf 2025-03-03\.\.2025-03-09: [34] fetched, 1 empty, 1 already stored, [12] failed$' "$out"
check_match "resumed: the 404 named with its day and URL" \
    "^topic: backfill hf 2025-03-07: http://127.0.0.1:$port/api/daily_papers\?date=2025-03-07: HTTP status 404$" \
    "$(cat "$tmp/err2")"
check_match "resumed: the failures counted at the end" \
    '^topic: backfill hf: [12] days? failed; run it again to retry' "$(tail -1 "$tmp/err2")"

# Again: only the days not stored are asked for.
cp "$tmp/log" "$tmp/log.before"
out=$("$topic" backfill --from 2025-03-03 --to 2025-03-09 hf 2> "$tmp/err3"); rc=$?
check "again: exit status 1 (the 404 stays)" 1 "$rc"
check_match "again: the summary" \
    '^backfill hf 2025-03-03\.\.2025-03-09: [01] fetched, 0 empty, [56] already stored, 1 failed$' "$out"
check "again: only the unstored days asked for" "2025-03-07" \
    "$(tail -n +$(($(wc -l < "$tmp/log.before") + 1)) "$tmp/log" | awk '{print $1}' | grep -v 2025-03-04 | sort -u)"
check "no day asked for after it was stored" "" \
    "$(awk '$2 == 200 && seen[$1]++ { print "twice: " $1 } $2 == 200 { ok[$1] = 1 } $2 != 200 && ok[$1] { print "after: " $1 }' "$tmp/log")"
check "the 429 asked twice, the 500 twice" "2 2" \
    "$(grep -c '^2025-03-05 ' "$tmp/log") $(grep -c '^2025-03-04 ' "$tmp/log")"
check "the 404 asked on every run" 2 "$(grep -c '^2025-03-07 404' "$tmp/log")"

# What is stored: six days (one without papers), three papers a day,
# each day's word on its day.
st=$("$topic" stats --json)
check "stored: six snapshots" 6 "$(json_field "$st" snapshots)"
check "stored: six known days" 6 "$(json_field "$st" days)"
check "stored: fifteen papers" 15 "$(json_field "$st" documents)"
check "stored: first and last day" '"2025-03-03" "2025-03-09"' \
    "$(json_field "$st" first_day) $(json_field "$st" last_day)"
series=$("$topic" series --by day cherry damson grape --from 2025-03-03 --to 2025-03-09)
check_match "series: cherry on 03-03" '^2025-03-03 +3 +3 \(100\.0%\) +0 ' \
    "$(printf '%s\n' "$series" | grep '^2025-03-03')"
check_match "series: damson on 03-04" '^2025-03-04 +3 +0 \( 0\.0%\) +3 \(100\.0%\)' \
    "$(printf '%s\n' "$series" | grep '^2025-03-04')"
check_match "series: the empty day is known, with 0 papers" '^2025-03-08 +0 ' \
    "$(printf '%s\n' "$series" | grep '^2025-03-08')"
check "series: the 404 day is not known" "" \
    "$(printf '%s\n' "$series" | grep '^2025-03-07')"

# SIGTERM during a (2 s) request: it is finished and stored, then stop.
# (Sent once the request has arrived; should it be answered by then, the
# run is waiting for the next day and stops all the same.)
"$topic_bin" backfill --db "$tmp/term.db" --from 2025-02-03 --to 2025-02-04 hf \
    > "$tmp/out4" 2> "$tmp/err4" &
run=$!
wait_for 60 grep -qx 2025-02-03 "$tmp/log.arrived"
stop TERM
check "SIGTERM: exit status 143" 143 "$rc"
check_match "SIGTERM: says where it stopped" \
    '^topic: backfill hf: terminated \(SIGTERM\) at 2025-02-04; run it again to resume$' \
    "$(tail -1 "$tmp/err4")"
check_match "SIGTERM: the summary" \
    '^backfill hf 2025-02-03\.\.2025-02-04: 1 fetched, 0 empty, 0 already stored, 0 failed, 1 left$' \
    "$(cat "$tmp/out4")"
check "SIGTERM: the day in flight stored, the database whole" "1 ok" \
    "$(sqlite3 "$tmp/term.db" 'SELECT count(*) FROM snapshot; PRAGMA integrity_check' | tr '\n' ' ' | sed 's/ $//')"

# A full disk while storing a day: stop, say so, the database as it was;
# the next run stores the day.
"$topic" ingest --db "$tmp/full.db" --source hf \
    "$top/tests/data/hf-daily-papers-2025-03-14.json" > /dev/null 2>&1
err=$(trap '' XFSZ; ulimit -f 32; "$topic" backfill --db "$tmp/full.db" \
    --from 2025-01-10 --to 2025-01-10 hf 2>&1 >/dev/null); rc=$?
check "disk full: exit status" 1 "$rc"
check_match "disk full: names the day and the database" \
    "^topic: backfill hf 2025-01-10: not stored: $tmp/full.db: .*(disk I/O error|database or disk is full)" "$err"
check_match "disk full: says where it stopped" \
    'backfill hf: the database cannot be written: stopped at 2025-01-10; run it again to resume$' "$err"
check "disk full: the database as it was, whole" "1 ok" \
    "$(sqlite3 "$tmp/full.db" 'SELECT count(*) FROM snapshot; PRAGMA integrity_check' | tr '\n' ' ' | sed 's/ $//')"
out=$("$topic" backfill --db "$tmp/full.db" --from 2025-01-10 --to 2025-01-10 hf 2>&1); rc=$?
check "disk full: resumed" "0 backfill hf 2025-01-10..2025-01-10: 1 fetched, 0 empty, 0 already stored, 0 failed" "$rc $out"
finish
