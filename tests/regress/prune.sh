#!/bin/bash
# topic prune (retention, DESIGN section 6): old raw bytes, alert history
# and finished outbox rows go; counts, papers and the search index stay,
# so every query answers exactly as before; each source's newest
# snapshot keeps its bytes; a rebuild afterwards keeps and names the
# pruned days; --dry-run changes nothing; bad values and a full disk are
# one clear line.
. "$(dirname "$0")/lib.sh" "$@"
hf="$top/data/hf-daily-papers.jsonl.xz"
export TOPICD_DB="$tmp/t.db"
unset TOPICD_CONF

# The archive's last 120 days as text digests, one dated snapshot a day.
mkdir "$tmp/days"
xz -dc "$hf" | python3 -c '
import datetime, json, sys
days = {}
for line in sys.stdin:
    r = json.loads(line)
    days.setdefault(r["date"], []).append(r)
for d in sorted(days)[-120:]:
    with open(sys.argv[1] + "/" + d + ".txt", "w") as f:
        t = datetime.date.fromisoformat(d)
        f.write("%s %d\n\n" % (t.strftime("%b"), t.day))
        for r in days[d]:
            f.write(r["title"] + "\n\n" + r["abstract"].replace("\n", " ") +
                "\n\n")
' "$tmp/days"
files=("$tmp"/days/*.txt)
for f in "${files[@]}"; do
	"$topic" ingest --source hf --date "$(basename "$f" .txt)" "$f" >/dev/null
done
# A second source whose two snapshots are both old: the newest keeps its
# bytes all the same.
for f in "${files[0]}" "${files[1]}"; do
	"$topic" ingest --source other --date "$(basename "$f" .txt)" "$f" >/dev/null
done
check "120 + 2 dated snapshots" 122 "$(sqlite3 "$TOPICD_DB" "SELECT count(*) FROM snapshot_raw")"

# keep_raw so that the days before the 61st are old.
cutdate=$(basename "${files[60]}" .txt)
cut=$(( $(date -u -d "$cutdate" +%s) / 86400 ))
keep=$(( $(date +%s) / 86400 - cut ))d
q() { sqlite3 "$TOPICD_DB" "$1"; }
old=$(q "SELECT count(*) FROM snapshot WHERE day < $cut AND id NOT IN (SELECT max(id) FROM snapshot GROUP BY source_id)")
oldbytes=$(q "SELECT sum(length(r.bytes)) FROM snapshot s JOIN snapshot_raw r ON r.snapshot_id = s.id WHERE s.day < $cut AND s.id NOT IN (SELECT max(id) FROM snapshot GROUP BY source_id)")
first=$(basename "${files[0]}" .txt)
last=$(basename "${files[59]}" .txt)
check "the old snapshots are the first 60 days' less one" 61 "$old"

answers() {
	"$topic" stats --json
	"$topic" series --by week --json diffusion "language models" agent
	"$topic" series --by day --csv video
	"$topic" search --limit 40 diffusion
	"$topic" search --limit 40 "reinforcement learning"
	"$topic" rising --json
	"$topic" rising --json --falling 2>&1
}
answers > "$tmp/before" 2>&1
check_match "the answers are not empty" '"documents":[1-9]' "$(head -1 "$tmp/before")"
state() {
	q "SELECT count(*), sum(length(bytes)) FROM snapshot_raw;
	    SELECT count(*), sum(new_papers) FROM snapshot;
	    SELECT count(*) FROM alert_history; SELECT count(*) FROM alert_outbox"
}
state > "$tmp/state0"
cp "$TOPICD_DB" "$tmp/full.db"

out=$("$topic" prune --dry-run --keep-raw "$keep" 2>&1)
check "--dry-run says what would go" \
    "would prune raw bytes: $old snapshots, $oldbytes bytes ($(awk -v b="$oldbytes" 'BEGIN {printf "%.1fK", b / 1024}')), of $first..$last
would prune alert history: 0 events
would prune outbox: 0 sent or failed notifications" "$out"
check "... and changes nothing" "$(cat "$tmp/state0")" "$(state)"

out=$("$topic" prune --keep-raw "$keep" 2>&1); rc=$?
check_match "prune says what went" \
    "^pruned raw bytes: $old snapshots, $oldbytes bytes \([0-9.]+K\), of $first\.\.$last
pruned alert history: 0 events
pruned outbox: 0 sent or failed notifications
database: [0-9.]+[KM], of which [0-9.]+[KM] free \(reused by later writes; --vacuum gives it back\)$" "$out"
check "... exit 0" 0 "$rc"
answers > "$tmp/after" 2>&1
check "stats, series, search and rising answer exactly as before" "" \
    "$(diff "$tmp/before" "$tmp/after")"
check "integrity_check" ok "$(q "PRAGMA integrity_check")"
check "foreign_key_check" "" "$(q "PRAGMA foreign_key_check")"
check "snapshot rows and papers all stay" "$(sed -n 2p "$tmp/state0")" \
    "$(q "SELECT count(*), sum(new_papers) FROM snapshot")"
check "the old days' raw bytes are gone (but the other source's newest)" \
    "1|other" "$(q "SELECT count(*), min(o.name) FROM snapshot s JOIN snapshot_raw r ON r.snapshot_id = s.id JOIN source o ON o.id = s.source_id WHERE s.day < $cut")"
check "the recent days' raw bytes are all kept" \
    "$(q "SELECT count(*) FROM snapshot WHERE day >= $cut")" \
    "$(q "SELECT count(*) FROM snapshot s JOIN snapshot_raw r ON r.snapshot_id = s.id WHERE s.day >= $cut")"
check "the newest snapshot of each source keeps its raw bytes" 0 \
    "$(q "SELECT count(*) FROM (SELECT max(id) AS id FROM snapshot GROUP BY source_id) m WHERE m.id NOT IN (SELECT snapshot_id FROM snapshot_raw)")"
check "a second prune finds nothing" "pruned raw bytes: none" \
    "$("$topic" prune --keep-raw "$keep" | head -1)"
# The same bytes again are still "unchanged", their raw bytes gone or not.
check_match "an old snapshot's bytes again: unchanged" "unchanged|0 new" \
    "$("$topic" ingest --source hf --date "$first" "${files[0]}" 2>&1)"
check "... and so are the newest" "$(cat "$tmp/after")" "$(answers 2>&1)"

# A rebuild keeps the days it cannot recount, names them, and (with the
# same word lists) changes no answer.
ndays=$(q "SELECT count(DISTINCT day) FROM snapshot WHERE day < $cut")
out=$("$topic" rebuild 2>&1); rc=$?
check "rebuild names the pruned days, keeping their counts" \
    "rebuilt: $(q "SELECT count(*) FROM paper WHERE day >= $cut") papers from 61 snapshots ($old without raw bytes skipped)
rebuild: $first..$last ($ndays days) have no raw bytes left (pruned); their counts are kept as they are|0" \
    "$out|$rc"
check "after the rebuild: the same answers" "" \
    "$(diff "$tmp/before" <(answers 2>&1))"
check "... integrity_check" ok "$(q "PRAGMA integrity_check")"
check "... foreign_key_check" "" "$(q "PRAGMA foreign_key_check")"

# Alert history and the outbox: old events and finished rows go, recent
# ones and anything undelivered stay; the configuration's values apply.
now=$(date +%s)
q "INSERT INTO alert_history (rule, item, at, day, event, count, papers, expected, p) VALUES
    ('r', 'term:a', $((now - 400 * 86400)), 1, 'firing', 1, 1, 0, 0),
    ('r', 'term:a', $((now - 500 * 86400)), 1, 'resolved', 1, 1, 0, 0),
    ('r', 'term:b', $((now - 86400)), 1, 'firing', 1, 1, 0, 0);
    INSERT INTO alert_outbox (rule, channel, created, payload, text, subject, status, next_try, done) VALUES
    ('r', 'file', $((now - 90 * 86400)), '{}', '', '', 'sent', 0, $((now - 40 * 86400))),
    ('r', 'file', $((now - 90 * 86400)), '{}', '', '', 'failed', 0, $((now - 31 * 86400))),
    ('r', 'file', $((now - 90 * 86400)), '{}', '', '', 'pending', 0, NULL),
    ('r', 'file', $((now - 90 * 86400)), '{}', '', '', 'sent', 0, $((now - 86400)))"
printf 'keep_raw = forever\n' > "$tmp/keep.conf"
out=$("$topic" prune --config "$tmp/keep.conf" 2>&1 | head -3)
check "config: keep_raw forever, the other two by default (365d, 30d)" \
    "pruned raw bytes: none (keep_raw is forever)
pruned alert history: 2 events
pruned outbox: 2 sent or failed notifications" "$out"
check "... the recent event, the pending and the recent rows stay" \
    "term:b pending sent" \
    "$(q "SELECT group_concat(item) FROM alert_history") $(q "SELECT group_concat(status, ' ') FROM (SELECT status FROM alert_outbox ORDER BY id)")"
check "... and the counts are untouched" "$(head -1 "$tmp/before")" \
    "$("$topic" stats --json)"

# Bad values: one line naming file:line and the key, or the option.
printf '# retention\nkeep_raw = -3 days\n' > "$tmp/bad.conf"
err=$("$topic" prune --config "$tmp/bad.conf" 2>&1); rc=$?
check "a bad keep_raw: file:line, the key, what is wanted" \
    "topic: $tmp/bad.conf:2: keep_raw = \"-3 days\": want a duration of a day or more like 30d, 52w or 365d, or forever|1" \
    "$err|$rc"
printf 'keep_outbox = 12h\n' > "$tmp/bad2.conf"
check_match "less than a day is refused too" "bad2.conf:1: keep_outbox = \"12h\"" \
    "$("$topic" prune --config "$tmp/bad2.conf" 2>&1)"
check_match "topicd -n says the same" "bad.conf:2: keep_raw = \"-3 days\"" \
    "$("$topicd" -n -f "$tmp/bad.conf" 2>&1)"
err=$("$topic" prune --keep-raw -3d 2>&1); rc=$?
check "a bad --keep-raw" \
    "topic: --keep-raw -3d: want a duration of a day or more like 30d, 52w or 365d, or forever|1" \
    "$err|$rc"

# A full disk (writes refused past a size): one line, nothing lost.
before=$(sqlite3 "$tmp/full.db" "SELECT count(*) FROM snapshot_raw")
err=$( (ulimit -f 40; trap '' XFSZ; "$topic_bin" prune --db "$tmp/full.db" --keep-raw "$keep") 2>&1); rc=$?
check_match "a write error while pruning: named, with the database" \
    "^topic: prune: $tmp/full.db: .*(disk I/O error|database or disk is full).* \(this batch changed nothing\)$" "$err"
check "... in one line, exit 1, every raw row still there, the file sound" \
    "1 1 $before ok" \
    "$(printf '%s\n' "$err" | wc -l) $rc $(sqlite3 "$tmp/full.db" "SELECT count(*) FROM snapshot_raw") $(sqlite3 "$tmp/full.db" "PRAGMA integrity_check")"
check "... and a prune with room then takes them" \
    "pruned raw bytes: $old snapshots" \
    "$("$topic" prune --db "$tmp/full.db" --keep-raw "$keep" | head -1 | cut -d, -f1)"

# --vacuum gives the free pages back.
size0=$(stat -c %s "$TOPICD_DB")
out=$("$topic" prune --vacuum --keep-raw "$keep" | tail -1)
check_match "--vacuum: no free page left" "^vacuumed: [0-9.]+[KM], of which 0 bytes free" "$out"
check "... the file is smaller" yes "$([ "$(stat -c %s "$TOPICD_DB")" -lt "$size0" ] && echo yes)"
check "... and the answers the same" "" "$(diff "$tmp/before" <(answers 2>&1))"
finish
