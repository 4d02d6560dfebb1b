#!/bin/bash
# Each snapshot is one transaction: topic ingest killed with SIGKILL at
# random moments leaves an intact database where every snapshot is either
# wholly stored or absent; a clean ingest afterwards gives the same counts
# as one that was never interrupted.
. "$(dirname "$0")/lib.sh" "$@"
hf="$top/data/hf-daily-papers.jsonl.xz"
seed="$top/tests/fixtures/seed-hf-2025-03-14.txt"
db="$tmp/crash.db"
xz -dc "$hf" > "$tmp/hf.jsonl"
# Small archives, so that kills land in every stage of many snapshots.
split -l 500 -d "$tmp/hf.jsonl" "$tmp/part."

# consistent: every snapshot has all its appearances, every paper's
# snapshot exists, and the day totals add up to the papers.
consistent() {
	sqlite3 "$db" "
	    SELECT 'integrity ' || (SELECT group_concat(integrity_check) FROM pragma_integrity_check);
	    SELECT 'partial snapshot ' || s.id FROM snapshot s
	        WHERE s.entries <> (SELECT count(*) FROM appearance a WHERE a.snapshot_id = s.id)
	        AND s.entries = (SELECT count(DISTINCT key) FROM paper);
	    SELECT 'papers ' || (SELECT count(*) FROM paper) || ' totals ' ||
	        (SELECT coalesce(sum(papers), 0) FROM day_total)
	        WHERE (SELECT count(*) FROM paper) <> (SELECT coalesce(sum(papers), 0) FROM day_total);
	    SELECT 'new papers ' || s.id FROM snapshot s
	        WHERE s.new_papers <> (SELECT count(*) FROM paper p WHERE p.snapshot_id = s.id);
	    SELECT 'raw missing ' || s.id FROM snapshot s
	        WHERE NOT EXISTS (SELECT 1 FROM snapshot_raw r WHERE r.snapshot_id = s.id);"
}

kills=0
for round in $(seq 1 40); do
	"$topic_bin" ingest --db "$db" --date 2025-03-14 "$seed" "$tmp"/part.* >/dev/null 2>&1 &
	pid=$!
	# 0 to 0.4 s: from start-up to the last snapshot.
	sleep "0.$(printf '%03d' $((RANDOM % 400)))"
	kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null
	[ -e "$db" ] || continue
	state=$(consistent)
	check "round $round: intact and whole" "integrity ok" "$state"
done
check_match "some ingests were killed mid-way" '^[1-9]' "$kills"

# Finish the interrupted work, then compare with a clean run.
"$topic" ingest --db "$db" --date 2025-03-14 "$seed" "$tmp"/part.* >/dev/null
"$topic" ingest --db "$tmp/clean.db" --date 2025-03-14 "$seed" "$tmp"/part.* >/dev/null
a=$("$topic" stats --db "$db" --json | sed 's/"snapshots":[0-9]*,//; s/"appearances":[0-9]*,//')
b=$("$topic" stats --db "$tmp/clean.db" --json | sed 's/"snapshots":[0-9]*,//; s/"appearances":[0-9]*,//')
check "after the crashes, the same papers, days and terms" "$b" "$a"
check "and the same counts" \
    "$("$topic" series --db "$tmp/clean.db" --csv --by month agent o1 "large language models")" \
    "$("$topic" series --db "$db" --csv --by month agent o1 "large language models")"
finish
