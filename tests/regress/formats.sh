#!/bin/bash
# Every digest format through the real binary, from a path, a file:// URL
# and a local http:// URL (127.0.0.1 only), with the same result each way;
# bad input is one line on stderr naming the file or URL, exit status 1,
# and nothing stored before is lost; a partial read says what it kept.
. "$(dirname "$0")/lib.sh" "$@"
data="$top/tests/data"
www="$tmp/www"
mkdir -p "$www"
cp "$data"/* "$top/tests/fixtures/seed-hf-2025-03-14.txt" "$www/"
cp "$data/arxiv-api.atom" "$www/feed.atom"
printf '%s\n' '{"date":"2025-03-13","id":"2503.10622","title":"Transformers without Normalization"}' \
    '{"date":"2025-03-14","title":"A second paper","abstract":"Some words."}' > "$www/archive.jsonl"

python3 "$top/tests/regress/httpd.py" "$www" "$tmp/port" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
wait_for 120 test -s "$tmp/port"
read -r port hosts < "$tmp/port"
http="http://127.0.0.1:$port"

# name file expected-stdout-pattern [options]
formats="seed-hf-2025-03-14.txt|107 papers, 107 new, on 1 day \(2025-03-14\)
archive.jsonl|2 papers, 2 new, on 2 days \(2025-03-13 to 2025-03-14\)
arxiv-rss-cs.CL.xml|4 papers, 2 new \(2 updated\), on 1 day \(2025-03-14\)
arxiv-rdf-cs.CL.xml|3 papers, 2 new \(1 updated\), on 1 day \(2023-03-14\)
feed.atom|2 papers, 2 new, on 1 day \(2025-03-20\)
hf-daily-papers-2025-03-14.json|3 papers, 1 new, on 1 day \(2025-03-14\)
hf-papers-2025-03-14.html|3 papers, 0 new, on 1 day \(2025-03-14\)
hf-papers-cards.html|3 papers, 0 new, on 1 day \(2025-03-14\)
arxiv-rss-empty.xml|no papers"
for how in path file http; do
	export TOPICD_DB="$tmp/$how.db"
	printf '%s\n' "$formats" | while IFS='|' read -r f want; do
		case $how in
		path) arg="$www/$f" ;;
		file) arg="file://$www/$f" ;;
		http) arg="$http/$f" ;;
		esac
		out=$("$topic" ingest --date 2025-03-14 --source "$f" "$arg" 2>"$tmp/err")
		rc=$?
		check "$how $f: exit status" 0 "$rc"
		check "$how $f: nothing on stderr" "" "$(cat "$tmp/err")"
		check_match "$how $f: read" "^$arg: snapshot [0-9]+: $want$" "$out"
	done
	[ -e "$TOPICD_DB" ] && "$topic" stats --json > "$tmp/$how.stats"
done
check "a file:// URL stores what the path stores" "$(cat "$tmp/path.stats")" "$(cat "$tmp/file.stats")"
check "an http:// URL stores what the path stores" "$(cat "$tmp/path.stats")" "$(cat "$tmp/http.stats")"
# 116 counted papers; the 3 updates are stored (uncounted) so that later
# appearances link to them, and are not documents.
check "papers: each once across formats" 116 "$(json_field "$(cat "$tmp/path.stats")" documents)"
check "updates are stored as papers, not documents" 119 \
    "$(sqlite3 "$TOPICD_DB" 'SELECT count(*) FROM paper' 2>/dev/null || sqlite3 "$tmp/path.db" 'SELECT count(*) FROM paper')"
check "updates are stored but never counted" 116 \
    "$("$topic" series --by month --csv --db "$tmp/path.db" model | awk -F, 'NR>1 {s+=$2} END {print s}')"

# The format named by Content-Type when the bytes leave it open.
export TOPICD_DB="$tmp/ctype.db"
printf '<?xml version="1.0"?>\n<x:feed xmlns:x="http://www.w3.org/2005/Atom"><x:updated>2025-03-14</x:updated></x:feed>\n' > "$www/prefixed.atom"
out=$("$topic" ingest "$http/prefixed.atom" 2>&1)
check_match "a prefixed Atom root is sniffed" "snapshot 1: no papers" "$out"
out=$("$topic" ingest --format html --item-xpath '//article' --title-xpath './/h3' \
    --link-xpath './/h3/a/@href' --abstract-xpath './/p' "$http/hf-papers-cards.html")
check_match "HTML with XPath options over HTTP" "3 papers, 3 new" "$out"
check "relative links resolve against the page's URL" \
    "$http/papers/2503.10622" \
    "$(sqlite3 "$TOPICD_DB" "SELECT url FROM paper WHERE key = '2503.10622'")"

# Every charset ends as valid UTF-8 in the store, over HTTP too.
for f in "rss-latin1.xml|Café naïve résumé" "rss-cp1252.xml|“Quoted” — and €5" \
    "rss-utf16.xml|Unicode über 中文 😀" "rss-invalid-utf8.xml|Broken � bytes" \
    "hf-papers-cards.html|World Models as Agents’ Planners & Tools"; do
	export TOPICD_DB="$tmp/charset-${f%%|*}.db"
	"$topic" ingest --date 2025-03-14 "$http/${f%%|*}" >/dev/null
	check "charset: ${f%%|*}" "${f#*|}" "$(sqlite3 "$TOPICD_DB" \
	    "SELECT title FROM paper WHERE key IN ('url:https://example.org/a', '2503.10480')")"
done

# Bad input: one line naming the file or URL, exit 1, nothing lost.
export TOPICD_DB="$tmp/bad.db"
"$topic" ingest --date 2025-03-14 "$www/arxiv-rss-cs.CL.xml" >/dev/null
before=$("$topic" stats --json)

# bad NAME EXPECTED-STDERR-PATTERN ARG [ingest options]
bad() {
	local name=$1 pattern=$2 arg=$3 err rc
	shift 3
	err=$("$topic" ingest "$@" "$arg" 2>&1 >/dev/null)
	rc=$?
	check "$name: exit status" 1 "$rc"
	check "$name: one line" 1 "$(printf '%s\n' "$err" | wc -l)"
	check_match "$name: says what and where" "$pattern" "$err"
	check "$name: nothing changed" "$before" "$("$topic" stats --json)"
}

bad "HTTP 404" "^topic: $http/nope.xml: HTTP status 404$" "$http/nope.xml"
bad "connection refused" "^topic: http://127.0.0.1:1/x.xml: .*(onnect|refused)" "http://127.0.0.1:1/x.xml"
bad "missing file:// file" "^topic: file://$www/nope.xml: " "file://$www/nope.xml"
bad "too many redirects" "^topic: $http/loop: Maximum \(5\) redirects followed$" "$http/loop"
bad "no redirect to file://" "^topic: $http/to-file: .*(not supported|disabled)" "$http/to-file"
bad "arXiv API error" "^topic: $www/arxiv-api-error.atom: arXiv API error: incorrect id format for 1234.12345$" \
    "$www/arxiv-api-error.atom"
printf '<?xml version="1.0"?>\n<rss><channel>\n<item><title>a</tilte>\n' > "$www/broken.xml"
bad "broken XML: line and column" "^topic: $www/broken.xml:3:23: Opening and ending tag mismatch: title line 3 and tilte$" \
    "$www/broken.xml"
printf '<?xml version="1.0"?>\n<catalog><book/></catalog>\n' > "$www/other.xml"
bad "XML of another kind" "^topic: $www/other.xml: cannot tell the format .*use --format$" "$www/other.xml"
bad "forced format, wrong root" "^topic: $www/feed.atom: not an RSS feed \(the root element is <feed>\)$" \
    "$www/feed.atom" --format rss
bad "bad XPath" "^topic: $www/hf-papers-cards.html: --title-xpath: not an XPath expression" \
    "$www/hf-papers-cards.html" --item-xpath //article --title-xpath '(('
printf '{"error":"Invalid date"}\n' > "$www/hf-error.json"
bad "Hugging Face API error (JSON by Content-Type)" "^topic: $http/hf-error.json: Hugging Face API error: Invalid date$" \
    "$http/hf-error.json"
printf '[{"paper":{"id":"1"}}]' > "$www/untitled.json"
bad "hf-json without title" "^topic: $www/untitled.json: item 1: no paper title$" "$www/untitled.json"
err=$("$topic" ingest --title-xpath //h1 x 2>&1); rc=$?
check "a selector without --item-xpath: exit status" 1 "$rc"
check "a selector without --item-xpath: says so" \
    "topic: --title-xpath, --abstract-xpath and --link-xpath need --item-xpath" "$err"
err=$("$topic" ingest --format rss2 x 2>&1); rc=$?
check "unknown format: exit status" 1 "$rc"
check_match "unknown format: names the option and lists the formats" '^topic: --format rss2: not auto, text, jsonl, rss, rdf, atom, hf-json or html$' "$err"

# libxml2 is asked for no network, and never for entity substitution,
# DTD loading, XInclude or huge documents (the tests above show it).
check "libxml2 options" "" "$(grep -nE 'XML_PARSE_(NOENT|DTDLOAD|DTDATTR|DTDVALID|HUGE|XINCLUDE)|HTML_PARSE_HUGE|xmlXInclude|xmlSubstituteEntitiesDefault|xmlLoadExtDtdDefaultValue' "$top"/analysis/*/*.c "$top"/daemon/*/*.c)"
check_match "libxml2: no network" "XML_PARSE_NONET" "$(grep -h 'XML_PARSE_NONET' "$top"/analysis/digest/xmlutil.c)"
check_match "libxml2 HTML: no network" "HTML_PARSE_NONET" "$(grep -h 'HTML_PARSE_NONET' "$top"/analysis/digest/xmlutil.c)"

# A gzip bomb (1 MB that inflates to 1 GB) stops at the 15 MiB cap,
# whether curl inflates it (Content-Encoding) or topic does (a .gz file).
head -c 1073741824 /dev/zero | gzip -c > "$www/bomb.gzenc"
ln "$www/bomb.gzenc" "$www/bomb.xml.gz"
check "the bomb is small" 1 "$(( $(stat -c %s "$www/bomb.gzenc") < 1200000 ))"
bad "gzip bomb, Content-Encoding" "^topic: $http/bomb.gzenc: body larger than 15 MiB \(once decompressed\)$" \
    "$http/bomb.gzenc"
bad "gzip bomb, .gz file" "^topic: $http/bomb.xml.gz: more than 15 MiB once decompressed$" \
    "$http/bomb.xml.gz"

# A truncated feed: the complete items are kept, with a warning.
err=$("$topic" ingest --date 2025-03-14 --source cut "$http/rss-truncated.xml" 2>&1 >"$tmp/out"); rc=$?
check "truncated feed: exit status" 0 "$rc"
check_match "truncated feed: names it, says what it kept" \
    "^topic: $http/rss-truncated.xml:[0-9]+:[0-9]+: .*: kept 2 complete items$" "$err"
check_match "truncated feed: stored" "2 papers, 0 new" "$(cat "$tmp/out")"
finish
