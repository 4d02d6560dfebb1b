#!/bin/bash
# The full-text index off the snapshot's path: topic ingest exits with the
# index whole; a database whose index lags its papers (a crash between the
# two) is caught up when topicd starts; a snapshot topicd stores is
# searchable a moment later; topic search says how far behind the index
# is, and its answers are never wrong meanwhile.
. "$(dirname "$0")/lib.sh" "$@"
hf="$top/data/hf-daily-papers.jsonl.xz"
db="$tmp/d.db"
mkdir -p "$tmp/files"
xz -dc "$hf" | sed -n '1,300p' > "$tmp/a.jsonl"
"$topic" ingest --db "$db" "$tmp/a.jsonl" >/dev/null
papers=$(sqlite3 "$db" "SELECT count(*) FROM paper")
# The days of a.jsonl before its last, which b.jsonl does not add to.
full=$("$topic" search --db "$db" --json --limit 100 --to 2024-02-18 model)
check_match "topic ingest leaves the index whole" '"unindexed":0}$' "$full"
check_match "and it finds papers" '"items":\[\{' "$full"

# As if topicd had died after committing the counts, before indexing.
sqlite3 "$db" "INSERT INTO paper_fts (paper_fts) VALUES ('delete-all');
    UPDATE search_state SET indexed_to = 0;"
behind=$("$topic" search --db "$db" model)
check "topic search says the index is behind, and by how much" \
    "(no paper matches)
(the index is behind: the $papers papers stored last are not searched; topicd indexes them when idle)" \
    "$behind"
check_match "and so does its JSON" "\"items\":\\[\\],\"unindexed\":$papers}\$" \
    "$("$topic" search --db "$db" --json model)"
check "and topic stats" \
    "search index behind by $papers papers (topicd indexes them when idle)" \
    "$("$topic" stats --db "$db" | tail -n 1)"
check_match "and its JSON" "\"unindexed\":$papers}\$" \
    "$("$topic" stats --db "$db" --json)"

# topicd catches up at its start, then indexes what it stores.
xz -dc "$hf" | sed -n '301,340p' > "$tmp/files/b.jsonl"
printf 'database = %s\npidfile = %s\nreport_dir = %s\n[source b]\nurl = file://%s\ninterval = 1h\njitter = 0s\n' \
    "$db" "$tmp/d.pid" "$tmp/reports" "$tmp/files/b.jsonl" > "$tmp/d.conf"
"$topicd" -d -f "$tmp/d.conf" 2> "$tmp/d.log" &
daemon=$!
trap 'kill $daemon 2>/dev/null; rm -rf "$tmp"' EXIT
caught_up() {
	"$topic" search --db "$db" --json --limit 100 model | grep -q '"unindexed":0}$' &&
	    grep -q 'source b: snapshot' "$tmp/d.log"
}
wait_for 600 caught_up
check "topicd indexed the lagging papers and its snapshot" "" \
    "$("$topic" search --db "$db" model | grep '^(the index')"
check "the answers before the lag are found again" "$full" \
    "$("$topic" search --db "$db" --json --limit 100 --to 2024-02-18 model)"
kill "$daemon"
wait "$daemon" 2>/dev/null
check "the index is whole and consistent" "" \
    "$(sqlite3 "$db" "INSERT INTO paper_fts (paper_fts, rank) VALUES ('integrity-check', 1);" 2>&1)"
check "topic stats no longer speaks of the index" "" \
    "$("$topic" stats --db "$db" | grep 'search index')"
check "every paper is indexed" \
    "$(sqlite3 "$db" "SELECT max(id) FROM paper")" \
    "$(sqlite3 "$db" "SELECT indexed_to FROM search_state")"
finish
