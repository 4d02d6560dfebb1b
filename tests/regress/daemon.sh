#!/bin/bash
# topicd against a local HTTP server that misbehaves on purpose: each bad
# source logs one line naming it and the others are stored; conditional
# requests on the second pass; a long-running daemon that survives a
# failing source, refuses a second instance, reloads on SIGHUP (a broken
# config keeps the old one) and finishes its fetch on SIGTERM.
. "$(dirname "$0")/lib.sh" "$@"
hf="$top/data/hf-daily-papers.jsonl.xz"
mkdir -p "$tmp/files"
xz -dc "$hf" | sed -n '1,40p' > "$tmp/files/a.jsonl"
xz -dc "$hf" | sed -n '41,80p' > "$tmp/files/b.jsonl"
xz -dc "$hf" | sed -n '81,120p' > "$tmp/files/c.jsonl"
xz -dc "$hf" | sed -n '121,160p' > "$tmp/files/d.jsonl"
xz -dc "$hf" | sed -n '161,200p' > "$tmp/files/e.jsonl"
xz -dc "$hf" | sed -n '201,240p' > "$tmp/files/f.jsonl"
printf '{"date": broken\n' > "$tmp/files/garbage.jsonl"

python3 "$top/tests/regress/httpd.py" "$tmp/files" "$tmp/port" "$tmp/requests" &
server=$!
trap 'kill $server $daemon 2>/dev/null; rm -rf "$tmp"' EXIT
wait_for 120 test -s "$tmp/port"
read -r port hosts < "$tmp/port"
[ "$hosts" -ge 16 ] || echo "note: only $hosts loopback hosts; the pass is slower"
# A port nobody listens on: bind it, note it, close it.
dead=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# host N: 127.0.0.N when the server could listen there, else 127.0.0.1.
host() { if [ "$1" -le "$hosts" ]; then echo "127.0.0.$1:$port"; else echo "127.0.0.1:$port"; fi; }

cat > "$tmp/pass.conf" <<CONF
database = $tmp/d.db
pidfile = $tmp/d.pid
report_dir = $tmp/reports-d
[source good]
url = http://$(host 1)/files/a.jsonl
[source etag]
url = http://$(host 2)/etag/b.jsonl
[source gzip]
url = http://$(host 3)/gzip/c.jsonl
[source wrongtype]
url = http://$(host 4)/wrongtype/d.jsonl
[source local]
url = file://$tmp/files/e.jsonl
[source s500]
url = http://$(host 5)/status/500
[source s404]
url = http://$(host 6)/status/404
[source retry]
url = http://$(host 7)/retry
[source slow]
url = http://$(host 8)/slow
timeout = 2s
[source refused]
url = http://127.0.0.1:$dead/x
[source loop]
url = http://$(host 9)/loop
[source truncated]
url = http://$(host 10)/truncated
[source huge]
url = http://$(host 11)/huge
max_size = 1M
[source bomb]
url = http://$(host 12)/bomb
max_size = 1M
[source garbage]
url = file://$tmp/files/garbage.jsonl
[source off]
url = http://$(host 13)/files/f.jsonl
enabled = no
[source cards]
url = file://$top/tests/data/hf-papers-cards.html
format = html
item_xpath = //article
title_xpath = .//h3
link_xpath = .//h3/a/@href
abstract_xpath = .//p
[source rss]
url = file://$top/tests/data/arxiv-rss-cs.CL.xml
CONF
check "-n on a good config" "configuration OK" "$("$topicd" -n -f "$tmp/pass.conf" 2>&1)"

"$topicd" -1 -f "$tmp/pass.conf" 2> "$tmp/pass1.log"
rc=$?
check "a pass with failing sources exits 1" 1 "$rc"
stats=$("$topic" stats --db "$tmp/d.db" --json)
cards=$("$topic" ingest --db "$tmp/cards.db" --format html --item-xpath '//article' \
    --title-xpath './/h3' --link-xpath './/h3/a/@href' --abstract-xpath './/p' \
    "$top/tests/data/hf-papers-cards.html" | sed 's/.*: \([0-9]*\) papers.*/\1/')
rss=$("$topic" ingest --db "$tmp/rss.db" "$top/tests/data/arxiv-rss-cs.CL.xml" >/dev/null;
    json_field "$("$topic" stats --db "$tmp/rss.db" --json)" documents)
check "the good sources are stored (5 x 40 papers, an HTML page by XPath, an RSS feed)" \
    "$((200 + cards + rss))" "$(json_field "$stats" documents)"
# one line each: source NAME: what went wrong
for spec in "s500:HTTP status 500" "s404:HTTP status 404" "retry:HTTP status 429" \
    "slow:timed out" "refused:(Couldn't connect|Connection refused|Failed to connect)" \
    "loop:[Mm]aximum.*redirects" "truncated:(transfer closed|Transferred a partial)" \
    "huge:body larger than 1 MiB" "bomb:body larger than 1 MiB" \
    "garbage:garbage.jsonl:1: invalid JSON"; do
	name=${spec%%:*}
	want=${spec#*:}
	lines=$(grep -c "source $name:" "$tmp/pass1.log")
	check "$name: one log line" 1 "$lines"
	check_match "$name: says why" "source $name: .*($want)" "$(grep "source $name:" "$tmp/pass1.log")"
done
check "a disabled source is never fetched" "" "$(grep /files/f.jsonl "$tmp/requests")"
check_match "the User-Agent names topicd and its version" "topicd/[0-9]" \
    "$(grep '^/files/a.jsonl' "$tmp/requests" | head -1)"
check "each outcome is recorded" "failed|9 parse-error|1 stored|7" \
    "$(sqlite3 "$tmp/d.db" "SELECT outcome, count(*) FROM fetch GROUP BY outcome ORDER BY outcome" | tr '\n' ' ' | sed 's/ $//; s/ / /g')"

# The second pass: conditional requests and unchanged bodies store nothing.
"$topicd" -1 -f "$tmp/pass.conf" 2> "$tmp/pass2.log"
check_match "the second request carries If-None-Match" '^/files/a.jsonl "v1" Fri,_14_Mar_2025' \
    "$(grep '^/files/a.jsonl' "$tmp/requests" | tail -1)"
check "304 is recorded as not modified" "not-modified" \
    "$(sqlite3 "$tmp/d.db" "SELECT outcome FROM fetch f JOIN source s ON s.id = f.source_id WHERE s.name = 'good' ORDER BY f.id DESC LIMIT 1")"
check "a new ETag on the same bytes stores nothing" "unchanged" \
    "$(sqlite3 "$tmp/d.db" "SELECT outcome FROM fetch f JOIN source s ON s.id = f.source_id WHERE s.name = 'etag' ORDER BY f.id DESC LIMIT 1")"
check "one pass ends with the week's report in the report folder" \
    "report-$(date -d yesterday +%G-W%V).html report-$(date -d yesterday +%G-W%V).md report-$(date -d yesterday +%G-W%V).txt" \
    "$(cd "$tmp/reports-d" && ls report-* | tr '\n' ' ' | sed 's/ $//')"
check "no snapshot was stored twice" "$stats" "$("$topic" stats --db "$tmp/d.db" --json | sed 's/x/x/')"
check_match "the pass says the report was written" \
    "report $(date -d yesterday +%G-W%V) written to $tmp/reports-d" \
    "$(cat "$tmp/pass2.log")"
# A report folder that cannot be made: said, and never "written".
sed "s|^report_dir = .*|report_dir = $tmp/no/such/dir|" "$tmp/pass.conf" \
    > "$tmp/noreport.conf"
"$topicd" -1 -f "$tmp/noreport.conf" 2> "$tmp/pass3.log"
check_match "a report folder that cannot be made is said" \
    "report [0-9W-]*: $tmp/no/such/dir: No such file or directory" \
    "$(cat "$tmp/pass3.log")"
check "... and the report is not said written" "" \
    "$(grep 'written to' "$tmp/pass3.log")"

# A running daemon: a failing source recovers, a second instance is refused.
cat > "$tmp/run.conf" <<CONF
database = $tmp/r.db
pidfile = $tmp/r.pid
report_dir = $tmp/reports-r
log = $tmp/r.log
[source flaky]
url = http://$(host 14)/flaky/a.jsonl
interval = 2s
jitter = 0s
[source garbage]
url = file://$tmp/files/garbage.jsonl
interval = 1s
jitter = 0s
CONF
"$topicd" -d -f "$tmp/run.conf" 2> "$tmp/run.log" &
daemon=$!
stored() { [ "$(sqlite3 "$1" "SELECT count(*) FROM snapshot s JOIN source o ON o.id = s.source_id WHERE o.name = '$2'" 2>/dev/null)" -ge 1 ]; }
wait_for 120 stored "$tmp/r.db" flaky
check "after a 500, the next good snapshot is stored" "yes" "$(stored "$tmp/r.db" flaky && echo yes)"
check "the 500 was logged once" 1 "$(grep -c 'source flaky: .*HTTP status 500' "$tmp/run.log")"
check "the pid file holds the daemon's pid" "$daemon" "$(cat "$tmp/r.pid")"
wait_for 120 grep -q "source garbage: paused" "$tmp/run.log"
check_match "3 parse failures in a row pause a source, saying so" \
    "source garbage: paused after 3 parse failures in a row" "$(cat "$tmp/run.log")"
# Two more fetches of the 2 s source: the 1 s one had its turns since.
fetches() { sqlite3 "$tmp/r.db" "SELECT count(*) FROM fetch f JOIN source s ON s.id = f.source_id WHERE s.name = '$1'" 2>/dev/null; }
since=$(fetches flaky)
more_fetches() { [ "$(fetches flaky)" -ge $((since + 2)) ]; }
wait_for 120 more_fetches
check "... and it is not fetched again" 3 "$(grep -c 'source garbage: .*invalid JSON' "$tmp/run.log")"
err=$("$topicd" -d -f "$tmp/run.conf" 2>&1); rc=$?
check "a second instance is refused" "1" "$rc"
check_match "... saying who holds the database" "in use by another topicd \\(pid $daemon\\)" "$err"

# SIGHUP: a broken config keeps the old one; a good one adds a source.
cp "$tmp/run.conf" "$tmp/good.conf"
printf 'databse = x\n[source broken]\ninterval = soon\n' >> "$tmp/run.conf"
kill -HUP $daemon
wait_for 120 grep -q "keeping the running configuration" "$tmp/run.log"
check_match "a broken reload names file:line" "run.conf:13: unknown key \"databse\" in \\[source garbage\\]" "$(cat "$tmp/run.log")"
check_match "... every error" "run.conf:15: interval = \"soon\": want a duration" "$(cat "$tmp/run.log")"
check "... and the daemon keeps running" "alive" "$(kill -0 $daemon 2>/dev/null && echo alive)"
cp "$tmp/good.conf" "$tmp/run.conf"
printf '[source second]\nurl = http://%s/files/c.jsonl\ninterval = 1h\n' "$(host 15)" >> "$tmp/run.conf"
printf '[source sleepy]\nurl = http://%s/slow\ntimeout = 6s\ninterval = 1h\n' "$(host 16)" >> "$tmp/run.conf"
kill -HUP $daemon
wait_for 120 stored "$tmp/r.db" second
check "a good reload starts the new source" "yes" "$(stored "$tmp/r.db" second && echo yes)"
check_match "... and says so" "reloaded, 4 sources" "$(cat "$tmp/run.log")"

# SIGTERM during a slow fetch: it finishes (times out), then exits 0.
wait_for 120 grep -q '^/slow' "$tmp/requests"
kill -TERM $daemon
gone() { ! kill -0 "$1" 2>/dev/null; }
wait_for 120 gone $daemon
check "SIGTERM: the daemon exits" yes "$(gone $daemon && echo yes)"
wait $daemon
rc=$?
daemon=""
check "SIGTERM exits 0" 0 "$rc"
check_match "after the fetch in flight, ended by its timeout" \
    "source sleepy: .*timed out" "$(cat "$tmp/run.log")"
check_match "the slow fetch was recorded" "failed" \
    "$(sqlite3 "$tmp/r.db" "SELECT outcome FROM fetch f JOIN source s ON s.id = f.source_id WHERE s.name = 'sleepy'")"

# Detached: logs to its file, reopened on SIGUSR1 after rotation.
cat > "$tmp/bg.conf" <<CONF
database = $tmp/bg.db
pidfile = $tmp/bg.pid
report_dir = $tmp/reports-bg
log = $tmp/bg.log
[source one]
url = file://$tmp/files/f.jsonl
interval = 1h
jitter = 0s
CONF
"$topicd" -f "$tmp/bg.conf"
check "topicd detaches and exits 0" 0 "$?"
wait_for 120 grep -q "snapshot" "$tmp/bg.log"
bg=$(cat "$tmp/bg.pid")
check_match "the detached daemon logs to its file" "topicd\[$bg\]: source one: snapshot 1: 40 papers, 40 new" "$(cat "$tmp/bg.log")"
mv "$tmp/bg.log" "$tmp/bg.log.1"
kill -USR1 "$bg"
wait_for 120 test -e "$tmp/bg.log"
kill -TERM "$bg"
wait_for 120 grep -q "exiting" "$tmp/bg.log"
check_match "after SIGUSR1 it writes to a new file" "exiting on signal 15" "$(cat "$tmp/bg.log" 2>/dev/null)"

# Politeness: two sources on one host are asked at least 3 s apart.
cat > "$tmp/polite.conf" <<CONF
database = $tmp/p.db
pidfile = $tmp/p.pid
report_dir = $tmp/reports-p
[source first]
url = http://127.0.0.1:$port/files/a.jsonl
[source second]
url = http://127.0.0.1:$port/files/b.jsonl
CONF
start=$(date +%s%N)
"$topicd" -1 -f "$tmp/polite.conf" 2>/dev/null
took=$(( ($(date +%s%N) - start) / 1000000000 ))
check_match "two requests to one host take at least 3 s" '^([3-9]|[1-9][0-9])' "$took"

# The config's topics file is what the daemon counts.
printf 'Custom: agent, agentic\n' > "$tmp/topics.txt"
printf 'no colon\n' > "$tmp/bad-topics.txt"
printf 'database = %s/t.db\npidfile = %s/t.pid\nreport_dir = reports-t\ntopics = topics.txt\n[source a]\nurl = file://%s/files/a.jsonl\n' \
    "$tmp" "$tmp" "$tmp" > "$tmp/topics.conf"
"$topicd" -1 -f "$tmp/topics.conf" 2>/dev/null
check "a topics file of the config is counted" "topic:Custom" \
    "$(sqlite3 "$tmp/t.db" "SELECT key FROM term WHERE kind = 3")"
sed 's/topics = topics.txt/topics = bad-topics.txt/' "$tmp/topics.conf" > "$tmp/badt.conf"
err=$("$topicd" -1 -f "$tmp/badt.conf" 2>&1); rc=$?
check "a broken topics file stops the start: exit 1" 1 "$rc"
check_match "... naming file:line" "bad-topics.txt:1: " "$err"

# Config errors: all of them, with file:line, exit 1.
printf 'database = %s/x.db\nfoo = 1\n[source a]\nurl = gopher://x\ninterval = 5 minutes\n[bogus]\n[source a]\nurl = http://x/\n[source b]\n' "$tmp" > "$tmp/bad.conf"
err=$("$topicd" -n -f "$tmp/bad.conf" 2>&1); rc=$?
check "a broken config: exit 1" 1 "$rc"
check "a broken config: every error with file:line, each once" \
"$tmp/bad.conf:2: unknown key \"foo\"
$tmp/bad.conf:4: url = \"gopher://x\": want an http://, https:// or file:// URL
$tmp/bad.conf:5: interval = \"5 minutes\": want a duration like 30s, 5m, 6h or 1d
$tmp/bad.conf:6: unknown section [bogus] (want [source NAME] or [alert NAME])
$tmp/bad.conf:7: [source a] defined twice (first on line 3)
$tmp/bad.conf:9: [source b] has no url" "$err"
err=$("$topicd" -n -f "$tmp/none.conf" 2>&1); rc=$?
check "a missing config" "1 $tmp/none.conf: No such file or directory" "$rc $err"
finish
