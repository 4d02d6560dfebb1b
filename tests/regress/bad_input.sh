#!/bin/bash
# Bad input: one line on stderr naming the file (and line) and what is
# wrong, exit status 1, and nothing stored before is lost or changed.
. "$(dirname "$0")/lib.sh" "$@"
export TOPICD_DB="$tmp/t.db"
"$topic" ingest --date 2025-03-14 "$top/tests/fixtures/seed-hf-2025-03-14.txt" >/dev/null
before=$("$topic" stats --json)

# bad NAME EXPECTED-STDERR-PATTERN FILE [ingest options]
bad() {
	local name=$1 pattern=$2 file=$3 err rc lines
	shift 3
	err=$("$topic" ingest "$@" "$file" 2>&1 >/dev/null)
	rc=$?
	lines=$(printf '%s\n' "$err" | wc -l)
	check "$name: exit status" 1 "$rc"
	check "$name: one line" 1 "$lines"
	check_match "$name: says what and where" "$pattern" "$err"
	check "$name: nothing changed" "$before" "$("$topic" stats --json)"
}

# libcurl is loaded only to fetch: a broken one fails a fetch, naming the
# URL and the library, and every other command still works.
mkdir -p "$tmp/nocurl"
: > "$tmp/nocurl/libcurl.so.4"
url="file://$top/tests/fixtures/seed-hf-2025-03-14.txt"
err=$(LD_LIBRARY_PATH="$tmp/nocurl" "$topic" ingest --date 2025-03-14 \
    "$url" 2>&1 >/dev/null); rc=$?
check "no libcurl: the fetch fails" 1 "$rc"
check "no libcurl: one line" 1 "$(printf '%s\n' "$err" | wc -l)"
check_match "no libcurl: names the URL and the library" \
    "^topic: $url: cannot load libcurl.so.4: " "$err"
check "no libcurl: a command that does not fetch works" "$before" \
    "$(LD_LIBRARY_PATH="$tmp/nocurl" "$topic" stats --json)"

rec='{"date":"2025-01-01","title":"A fine title","abstract":"Some words."}'
bad "missing file" "^topic: $tmp/nope.txt: No such file or directory$" "$tmp/nope.txt"
bad "a directory" "^topic: $tmp: is a directory$" "$tmp"
printf '%s\n' "$rec" > "$tmp/ok.jsonl"; chmod 000 "$tmp/ok.jsonl"
if [ "$(id -u)" != 0 ]; then
	bad "unreadable file" "Permission denied" "$tmp/ok.jsonl"
fi
chmod 644 "$tmp/ok.jsonl"
err=$("$topic" ingest --format rss2 "$tmp/ok.jsonl" 2>&1); rc=$?
check "unknown format: exit status" 1 "$rc"
check_match "unknown format: says so" '^topic: --format rss2: not auto, text, jsonl, rss, rdf, atom, hf-json or html$' "$err"
printf '%s\n{"date": "2025-01-02", "title": broken}\n' "$rec" > "$tmp/json.jsonl"
bad "invalid JSON" "^topic: $tmp/json.jsonl:2: invalid JSON: " "$tmp/json.jsonl"
printf '%s\n%s\n{"title":"no date"}\n' "$rec" "$rec" > "$tmp/nodate.jsonl"
bad "record without date" "^topic: $tmp/nodate.jsonl:3: no \"date\" string$" "$tmp/nodate.jsonl"
printf '{"date":"2025-01-01","abstract":"x"}\n' > "$tmp/notitle.jsonl"
bad "record without title" "^topic: $tmp/notitle.jsonl:1: no \"title\" string$" "$tmp/notitle.jsonl"
printf '{"date":"2025-02-30","title":"x"}\n' > "$tmp/baddate.jsonl"
bad "impossible date" "^topic: $tmp/baddate.jsonl:1: impossible date \"2025-02-30\"" "$tmp/baddate.jsonl"
printf 'Feb 30\n\nA title\n\n%s\n' "$(printf 'word %.0s' $(seq 40))" > "$tmp/baddate.txt"
bad "impossible date line" "^topic: $tmp/baddate.txt:1: impossible date \"Feb 30\"$" "$tmp/baddate.txt"
printf '{"date":"2025-01-01","title":"caf\xe9"}\n' > "$tmp/latin1.jsonl"
bad "invalid UTF-8 (JSONL)" "^topic: $tmp/latin1.jsonl:1: invalid UTF-8 at column 34$" "$tmp/latin1.jsonl"
printf 'Mar 14\n\nA caf\xe9 title\n\nabstract\n' > "$tmp/latin1.txt"
bad "invalid UTF-8 (text)" "^topic: $tmp/latin1.txt:3: invalid UTF-8" "$tmp/latin1.txt"
printf 'Mar 14\n\nA title\0\n\nabstract\n' > "$tmp/nul.txt"
bad "NUL byte" "^topic: $tmp/nul.txt:3: NUL byte" "$tmp/nul.txt"
printf '{"date":"2025-01-01","title":"' > "$tmp/long.jsonl"
head -c 10485760 /dev/zero | tr '\0' 'a' >> "$tmp/long.jsonl"
printf '"}\n' >> "$tmp/long.jsonl"
bad "10 MB line" "^topic: $tmp/long.jsonl:1: line longer than 1 MiB$" "$tmp/long.jsonl"
# A file too large to keep as one snapshot, refused before anything is
# read (a sparse file: no disk used).
truncate -s 1000M "$tmp/huge.jsonl"
bad "a 1000 MB archive" "^topic: $tmp/huge.jsonl: larger than 900 MiB$" "$tmp/huge.jsonl"
: > "$tmp/empty.txt"
bad "empty file" "^topic: $tmp/empty.txt: empty file" "$tmp/empty.txt"
printf '\n\n' > "$tmp/empty.jsonl"
bad "blank archive" "^topic: $tmp/empty.jsonl: empty file" "$tmp/empty.jsonl" --format jsonl
printf 'not xz at all' | xz -c | head -c 20 > "$tmp/cut.jsonl.xz"
bad "truncated xz" "^topic: $tmp/cut.jsonl.xz: broken xz data" "$tmp/cut.jsonl.xz"
# Cut in the middle of a large archive: found while it is read in pieces.
head -c 700000 "$top/data/hf-daily-papers.jsonl.xz" > "$tmp/half.jsonl.xz"
bad "an xz archive cut in the middle" "^topic: $tmp/half.jsonl.xz: broken xz data" "$tmp/half.jsonl.xz"
xz -dc "$top/data/hf-daily-papers.jsonl.xz" | gzip -c | head -c 900000 > "$tmp/half.jsonl.gz"
bad "a gzip archive cut in the middle" "^topic: $tmp/half.jsonl.gz: broken gzip data" "$tmp/half.jsonl.gz"

# --skip-bad keeps the good lines, says how many were skipped.
printf '%s\nnot json\n{"date":"2025-01-03","title":"Second good one"}\n{"date":"2025-01-04"}\n' \
    "$rec" > "$tmp/mixed.jsonl"
err=$("$topic" ingest --skip-bad "$tmp/mixed.jsonl" 2>&1 >/dev/null); rc=$?
check "skip-bad: exit status" 0 "$rc"
check_match "skip-bad: names the first bad line and the count" \
    "^topic: $tmp/mixed.jsonl:2: invalid JSON: .*\(2 bad lines skipped\)$" "$err"
after=$("$topic" stats --json)
check "skip-bad: the good lines are stored" 109 "$(json_field "$after" documents)"

# The disk fills in the middle of a large archive (a file size limit on the
# writer): one line naming the database, exit 1, and the database as it
# was, whole; the reader thread stops too (no hang).
"$topic" ingest --db "$tmp/full.db" "$tmp/mixed.jsonl" --skip-bad >/dev/null 2>&1
xz -dc "$top/data/hf-daily-papers.jsonl.xz" > "$tmp/hf.jsonl"
err=$(trap '' XFSZ; ulimit -f 3000; "$topic" ingest --db "$tmp/full.db" "$tmp/hf.jsonl" 2>&1); rc=$?
check "disk full mid-archive: exit status" 1 "$rc"
check_match "disk full mid-archive: says what and where" \
    "^topic: $tmp/full.db: cannot [a-z ]+: (disk I/O error|database or disk is full)$" "$err"
check "disk full mid-archive: nothing of it stored, the database whole" "2 1 ok" \
    "$(sqlite3 "$tmp/full.db" "SELECT count(*) FROM paper; SELECT count(*) FROM snapshot; PRAGMA integrity_check" | tr '\n' ' ' | sed 's/ $//')"

# A bad database is refused the same way.
echo "not a database, just text in a file that is long enough" > "$tmp/junk.db"
err=$("$topic" stats --db "$tmp/junk.db" 2>&1); rc=$?
check "junk database: exit status" 1 "$rc"
check_match "junk database: says so" "^topic: $tmp/junk.db: not a topicd database" "$err"
err=$("$topic" stats --db "$tmp/none.db" 2>&1); rc=$?
check_match "missing database for a query: says so" "no such database" "$err"
check "a query never creates a database" "no" "$([ -e "$tmp/none.db" ] && echo yes || echo no)"

# Dates the wrong way round are said, for every command with a range.
for cmd in "series agent" "search agent" "chart --series -o $tmp/ch agent"; do
	check "$cmd with --from after --to" \
	    "topic: --from 2025-03-02 is after --to 2025-03-01|1" \
	    "$("$topic" $cmd --from 2025-03-02 --to 2025-03-01 2>&1)|$?"
done

# A database another process keeps locked past the 10 s wait: said, with
# what to do, and nothing stored.
cp "$tmp/full.db" "$tmp/locked.db"
# The lock is held until the file release appears (at most 120 s).
(echo ".timeout 10000"; echo "BEGIN IMMEDIATE;"
    for i in $(seq 1200); do [ -e "$tmp/release" ] && break; sleep 0.1; done
    echo "COMMIT;") | sqlite3 "$tmp/locked.db" &
holder=$!
locked() { ! sqlite3 "$tmp/locked.db" "BEGIN IMMEDIATE; ROLLBACK;"; }
wait_for 120 locked
err=$("$topic" ingest --db "$tmp/locked.db" --date 2025-03-14 \
    "$top/tests/fixtures/seed-hf-2025-03-14.txt" 2>&1); rc=$?
touch "$tmp/release"
wait "$holder"
check "a locked database: exit status" 1 "$rc"
check_match "a locked database: says so and what to do" \
    "^topic: $tmp/locked.db: database is locked \(another process kept it locked for over 10 s: try again\)$" \
    "$err"
check "a locked database: nothing stored" "2" \
    "$(sqlite3 "$tmp/locked.db" "SELECT count(*) FROM paper")"
finish
