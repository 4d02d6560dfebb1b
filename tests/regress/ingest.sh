#!/bin/bash
# topic ingest, stats and series on the real samples: the seed (107
# papers on 2025-03-14) and the Hugging Face archive (9,111 papers on 602
# days); ingest is idempotent and a paper keeps its first day.
. "$(dirname "$0")/lib.sh" "$@"
seed="$top/tests/fixtures/seed-hf-2025-03-14.txt"
hf="$top/data/hf-daily-papers.jsonl.xz"
export TOPICD_DB="$tmp/t.db"

out=$("$topic" ingest --date 2025-03-14 --source hf-page "$seed")
check "seed ingest" "$seed: snapshot 1: 107 papers, 107 new, on 1 day (2025-03-14)" "$out"
stats=$("$topic" stats --json)
check "seed papers" 107 "$(json_field "$stats" documents)"
check "seed days" 1 "$(json_field "$stats" days)"
check "seed first day" '"2025-03-14"' "$(json_field "$stats" first_day)"
check "seed last day" '"2025-03-14"' "$(json_field "$stats" last_day)"
"$topic" ingest --date 2025-03-14 --source hf-page "$seed" >/dev/null
check "seed again: same stats" "$stats" "$("$topic" stats --json)"
# The same bytes from another source: a new snapshot, no new count.
"$topic" ingest --date 2025-03-15 --source other "$seed" >/dev/null
again=$("$topic" stats --json)
check "seed from a second source: papers" 107 "$(json_field "$again" documents)"
check "seed from a second source: snapshots" 2 "$(json_field "$again" snapshots)"
check "seed from a second source: keeps first day" '"2025-03-14"' \
    "$(json_field "$again" first_day)"
check "its date line, not --date, gives the day; counts are by paper" \
    '{"by":"day","periods":[{"period":"2025-03-14","documents":107,"terms":{"LoRA":2}}]}' \
    "$("$topic" series --by day --json LoRA)"

# The archive on its own database.
export TOPICD_DB="$tmp/hf.db"
out=$("$topic" ingest "$hf")
check "archive ingest" "$hf: snapshot 1: 9112 papers, 9111 new, on 602 days (2023-10-30 to 2025-12-31)" "$out"
stats=$("$topic" stats --json)
check "archive papers" 9111 "$(json_field "$stats" documents)"
check "archive days" 602 "$(json_field "$stats" days)"
check "archive first day" '"2023-10-30"' "$(json_field "$stats" first_day)"
check "archive last day" '"2025-12-31"' "$(json_field "$stats" last_day)"
# Decompressed, through standard input: other bytes, same papers.
xz -dc "$hf" | "$topic" ingest - >/dev/null
check "archive again (plain, stdin): same papers and days" \
    "9111 602" "$(j=$("$topic" stats --json); echo "$(json_field "$j" documents) $(json_field "$j" days)")"
gzip -c <(xz -dc "$hf") > "$tmp/hf.jsonl.gz"
out=$("$topic" ingest "$tmp/hf.jsonl.gz")
check_match "gzip archive: read, nothing new" "9112 papers, 0 new" "$out"

# Series: JSON shape, phrases as written, unknown terms count 0.
json=$("$topic" series --by month --from 2025-01-01 --to 2025-02-28 --json \
    "large language models" o1 "never-seen-word")
check_match "series JSON shape" \
    '^\{"by":"month","periods":\[\{"period":"2025-01","documents":[0-9]+,"terms":\{"large language models":[1-9][0-9]*,"o1":[1-9][0-9]*,"never-seen-word":0\}\},\{"period":"2025-02",' \
    "$json"
err=$("$topic" series --by month --from 2025-01-01 --to 2025-02-28 \
    never-seen-word 2>&1 >/dev/null)
check "series of a term no paper uses says so" \
    'topic: "never-seen-word": no paper in the database uses it: counts 0' \
    "$err"
hdr=$("$topic" series --by month --from 2025-01-01 --to 2025-02-28 \
    "test-time scaling" o1 | head -1)
check "series headers are never cut" \
    "period       papers  test-time scaling                o1" "$hdr"
total=$("$topic" series --by month --csv o1 | awk -F, 'NR>1 {s+=$2} END {print s}')
check "series papers add up to the archive" 9111 "$total"
check_match "o1 rises after 2024-09" '^2025-0[12],[0-9]+,([5-9]|[1-9][0-9])$' \
    "$("$topic" series --by month --csv --from 2025-01-01 --to 2025-02-28 o1)"
check "a term is looked up as the tokenizer writes it" \
    "$("$topic" series --csv "Large Language Model" | tail -n +2)" \
    "$("$topic" series --csv "large language models" | tail -n +2)"
err=$("$topic" series "mixture of experts" 2>&1 >/dev/null)
check_match "a stop word inside a phrase is explained" '"of" is a stop word' "$err"

# A user's stop-word file extends the shipped list, at ingest and query.
printf '# ours\nmamba\n' > "$tmp/stop.txt"
check "an ingest with a user stop word that a shipped topic names" \
    "$hf: snapshot 1: 9112 papers, 9111 new, on 602 days (2023-10-30 to 2025-12-31)|0" \
    "$("$topic" ingest --db "$tmp/stop.db" --stopwords "$tmp/stop.txt" \
    "$hf" 2>&1)|$?"
err=$("$topic" series --db "$tmp/stop.db" --stopwords "$tmp/stop.txt" mamba 2>&1 >/dev/null)
check_match "a user stop word is never a term" '"mamba" is a stop word' "$err"
check "... and is not counted" "0" \
    "$("$topic" series --db "$tmp/stop.db" --csv mamba | awk -F, 'NR>1 {s+=$3} END {print s+0}')"
check_match "while the shipped list alone counts it" '^[1-9]' \
    "$("$topic" series --csv mamba | awk -F, 'NR>1 {s+=$3} END {print s+0}')"
err=$("$topic" series --stopwords "$tmp/none.txt" mamba 2>&1); rc=$?
check "a missing stop-word file is an error" "1 topic: stop words: $tmp/none.txt: No such file or directory" "$rc $err"

# An archive counts exactly as its days arriving one by one (a snapshot
# is counted a day at a time): the first 70 days of the archive, taken
# whole and taken as one snapshot a day, give the same terms and the same
# packed counts, phrases promoted across days and past the 35-day horizon
# included.
xz -dc "$hf" | awk -F'"' '{print $4}' | uniq | head -70 > "$tmp/days"
xz -dc "$hf" | grep -F -f <(sed 's/^/"date": "/; s/$/"/' "$tmp/days") > "$tmp/part.jsonl"
"$topic" ingest --db "$tmp/whole.db" "$tmp/part.jsonl" >/dev/null
while read -r d; do
	grep -F "\"date\": \"$d\"" "$tmp/part.jsonl" > "$tmp/day.jsonl"
	"$topic" ingest --db "$tmp/daily.db" "$tmp/day.jsonl" >/dev/null
done < "$tmp/days"
terms_of() {
	sqlite3 "$1" "SELECT key || '|' || kind || '|' || display FROM term
	    ORDER BY key" | md5sum
}
# Every (day, term key, papers) of the packed rows (term ids may differ).
counts_of() {
	sqlite3 "$1" "CREATE TEMP TABLE m AS SELECT key, printf('%02X%02X%02X%02X',
	    id & 255, (id >> 8) & 255, (id >> 16) & 255, (id >> 24) & 255) AS h
	    FROM term; CREATE INDEX temp.m_h ON m (h);
	    SELECT d.day, m.key, hex(substr(d.counts, g.value * 8 + 5, 4))
	    FROM day_count d, generate_series(0, length(d.counts) / 8 - 1) g
	    JOIN m ON m.h = hex(substr(d.counts, g.value * 8 + 1, 4))
	    ORDER BY 1, 2" | md5sum
}
check "a whole archive and its days one by one: the same terms" \
    "$(terms_of "$tmp/daily.db")" "$(terms_of "$tmp/whole.db")"
check "... and the same counts" \
    "$(counts_of "$tmp/daily.db")" "$(counts_of "$tmp/whole.db")"
check_match "... which are not empty" '^[1-9][0-9]{4,}$' \
    "$(sqlite3 "$tmp/whole.db" "SELECT sum(length(counts) / 8) FROM day_count")"

# A plain JSONL file is read a piece at a time (never whole); standard
# input is read whole: the same snapshot, bytes, papers and counts.
xz -dc "$hf" > "$tmp/hf.jsonl"
"$topic" ingest --db "$tmp/piece.db" "$tmp/hf.jsonl" >/dev/null
"$topic" ingest --db "$tmp/held.db" - < "$tmp/hf.jsonl" >/dev/null
check "a file read in pieces and the same bytes held whole: the same terms" \
    "$(terms_of "$tmp/held.db")" "$(terms_of "$tmp/piece.db")"
check "... the same counts" \
    "$(counts_of "$tmp/held.db")" "$(counts_of "$tmp/piece.db")"
check "... the same snapshot row" \
    "$(sqlite3 "$tmp/held.db" "SELECT hash, entries, new_papers FROM snapshot")" \
    "$(sqlite3 "$tmp/piece.db" "SELECT hash, entries, new_papers FROM snapshot")"
sqlite3 "$tmp/piece.db" "SELECT writefile('$tmp/raw.out', bytes) FROM snapshot_raw" >/dev/null
check "... and its bytes stored as read" "" "$(cmp "$tmp/hf.jsonl" "$tmp/raw.out" 2>&1)"
# A compressed archive is decompressed piece by piece on the way.
"$topic" ingest --db "$tmp/xz.db" "$hf" >/dev/null
gzip -c "$tmp/hf.jsonl" > "$tmp/hf2.jsonl.gz"
"$topic" ingest --db "$tmp/gz.db" "$tmp/hf2.jsonl.gz" >/dev/null
check "an xz archive read in pieces: the same counts" \
    "$(counts_of "$tmp/held.db")" "$(counts_of "$tmp/xz.db")"
check "a gzip archive read in pieces: the same counts" \
    "$(counts_of "$tmp/held.db")" "$(counts_of "$tmp/gz.db")"
sqlite3 "$tmp/xz.db" "SELECT writefile('$tmp/raw.xz', bytes) FROM snapshot_raw" >/dev/null
check "... and the compressed bytes stored as read" "" "$(cmp "$hf" "$tmp/raw.xz" 2>&1)"
# A UTF-16 archive is converted whole, as before (not read in pieces).
printf '{"date":"2025-01-01","title":"Caf\303\251 paper","abstract":"Some words."}\n' |
    iconv -f UTF-8 -t UTF-16 > "$tmp/u16.jsonl"
check "a UTF-16 JSONL file with --format jsonl is read" \
    "$tmp/u16.jsonl: snapshot 1: 1 papers, 1 new, on 1 day (2025-01-01)" \
    "$("$topic" ingest --format jsonl --db "$tmp/u16.db" "$tmp/u16.jsonl" 2>&1)"
# A bad line far into a large file: one line naming it, nothing stored.
{ head -n 8000 "$tmp/hf.jsonl"; echo '{"date": "2025-01-01", "title": }'; tail -n +8001 "$tmp/hf.jsonl"; } > "$tmp/bad.jsonl"
err=$("$topic" ingest --db "$tmp/bad.db" "$tmp/bad.jsonl" 2>&1); rc=$?
check_match "a bad line at 8001 of a large file: named" "^topic: $tmp/bad.jsonl:8001: invalid JSON" "$err"
check "... exit 1, nothing stored" "1 0 0" \
    "$rc $(sqlite3 "$tmp/bad.db" "SELECT count(*) FROM paper") $(sqlite3 "$tmp/bad.db" "SELECT count(*) FROM snapshot")"
err=$("$topic" ingest --skip-bad --db "$tmp/skip.db" "$tmp/bad.jsonl" 2>&1 >/dev/null)
check "with --skip-bad: the bad line named and skipped" \
    "topic: $tmp/bad.jsonl:8001: invalid JSON: unexpected token near '}' (1 bad line skipped)" "$err"
"$topic" ingest --skip-bad --db "$tmp/skip2.db" - < "$tmp/bad.jsonl" 2>/dev/null >/dev/null
check "... the same counts as the file held whole" \
    "$(counts_of "$tmp/skip2.db")" "$(counts_of "$tmp/skip.db")"

# The benchmark's counting floor (tests/bench/count_only.c) counts the
# whole archive (9,112 records, one paper twice), in this sanitized build
# too.
check_match "count_only counts every record of the archive" \
    '^docs=9112 .* vocabulary=[0-9]{5,}$' \
    "$("$build/count_only" "$tmp/hf.jsonl")"
finish
