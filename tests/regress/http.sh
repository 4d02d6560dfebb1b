#!/bin/bash
# topicd's HTTP interface on a sample database: every endpoint answers
# what topic(1) prints, errors are JSON (404, 400, 405), no path
# reaches a file, oversized and slow requests do not hurt it, a bounded
# load from 50 keep-alive connections is served without an error while
# a source keeps being fetched, and the daemon outlives all of it.
. "$(dirname "$0")/lib.sh" "$@"
hf="$top/data/hf-daily-papers.jsonl.xz"
xz -dc "$hf" | sed -n '1,9000p' > "$tmp/archive.jsonl"
xz -dc "$hf" | sed -n '9001,9112p' > "$tmp/more.jsonl"
"$topic" ingest --db "$tmp/h.db" --source sample "$tmp/archive.jsonl" \
    > /dev/null 2>&1
freeport() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
port=$(freeport)
base="http://127.0.0.1:$port"

cat > "$tmp/h.conf" <<CONF
database = $tmp/h.db
pidfile = $tmp/h.pid
listen = 127.0.0.1:$port
[source more]
url = file://$tmp/more.jsonl
interval = 1s
jitter = 0s
[source broken]
url = file://$tmp/missing.jsonl
interval = 1h
jitter = 0s
[alert a]
watch = term:agent topic:LLM
file = $tmp/alerts.jsonl
CONF
printf 'database = %s/x.db\nlisten = 127.0.0.1:99999\n' "$tmp" > "$tmp/bad.conf"
check_match "-n: a bad listen names the file, the line and the form" \
    "bad.conf:2: listen = \"127.0.0.1:99999\": want \[ADDRESS:\]PORT" \
    "$("$topicd" -n -f "$tmp/bad.conf" 2>&1)"

# Under ASan, a small quarantine of freed blocks, so RSS measures growth.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8" \
    "$topicd" -d -f "$tmp/h.conf" 2> "$tmp/d.log" &
daemon=$!
trap 'kill $daemon $other $holder 2>/dev/null; rm -rf "$tmp"' EXIT
wait_for 120 curl -sf "$base/healthz" || { cat "$tmp/d.log" >&2; }
check_match "the daemon says where the dashboard is" \
    "dashboard and API on http://127.0.0.1:$port/" "$(cat "$tmp/d.log")"

# get PATH [CURL ARGS...]: "STATUS BODY"
get() {
	local p=$1; shift
	curl -s --path-as-is -o "$tmp/body" -w '%{http_code}' "$@" "$base$p" \
	    > "$tmp/code"
	printf '%s %s' "$(cat "$tmp/code")" "$(cat "$tmp/body")"
}

# Both sources were fetched once before the comparisons below.
wait_for 120 sh -c "curl -s $base/api/sources | grep -q '\"name\":\"broken\"[^}]*\"status\":\"failing\"'"
wait_for 120 sh -c "curl -s $base/api/sources | grep -q '\"name\":\"more\"[^}]*\"status\":\"ok\"'"
check_match "/healthz" '^200 \{"status":"ok","version":"[0-9.]+",' \
    "$(get /healthz)"
check "/api/stats is topic stats --json" \
    "200 $("$topic" stats --db "$tmp/h.db" --json)" "$(get /api/stats)"
check "/api/series is topic series --json" \
    "200 $("$topic" series --db "$tmp/h.db" --json --by week \
    --from 2025-01-01 --to 2025-06-30 agent "large language models")" \
    "$(get '/api/series?term=agent&term=large+language+models&by=week&from=2025-01-01&to=2025-06-30')"
check "/api/alerts is topic alerts --json" \
    "200 $("$topic" alerts --config "$tmp/h.conf" --json)" \
    "$(get /api/alerts)"
s=$(get /api/sources)
check_match "/api/sources: the broken source is failing, with its error" \
    '"name":"broken","url":"file://[^"]*","configured":true,"status":"failing","last_fetch":\{"at":"[0-9T:Z-]+","outcome":"failed","http_status":0,"seconds":[0-9.e-]+,"error":"[^"]+"\}' \
    "$s"
check_match "/api/sources: the good one is ok, with its next fetch" \
    '"name":"more",[^}]*"status":"(ok|fetching)",.*"next_fetch":("20[0-9T:Z-]+"|null),"papers":11[0-9]\}' \
    "$s"
check_match "/api/sources: the archive is known but not configured" \
    '"name":"sample","url":null,"configured":false' "$s"

m=$(curl -s -D "$tmp/mh" "$base/metrics")
check_match "/metrics is Prometheus text" "Content-Type: text/plain; version=0.0.4" \
    "$(cat "$tmp/mh")"
check "every metrics line is a comment or a topicd_ sample" "" \
    "$(printf '%s\n' "$m" | grep -vE '^# (HELP|TYPE) topicd_[a-z_]+ |^topicd_[a-z_]+(\{[a-z_]+="([^"\\]|\\.)*"\})? -?[0-9.]+(e[-+]?[0-9]+)?$')"
check_match "/metrics: fetches and failures per source, papers, alert states" \
    'topicd_papers 9111 .*topicd_source_failures_total\{source="broken"\} [1-9]' \
    "$(printf '%s' "$m" | tr '\n' ' ')"
check_match "/metrics: pipeline durations and last success" \
    'topicd_pipeline_duration_seconds_count\{source="more"\} [1-9].*topicd_alerts\{state="firing"\}' \
    "$(printf '%s' "$m" | tr '\n' ' ')"

check_match "/ is the dashboard" '^200 <!DOCTYPE html>' "$(get /)"
curl -s -D "$tmp/dh" -o /dev/null "$base/"
check_match "... with a policy that loads nothing from elsewhere" \
    "Content-Security-Policy: default-src 'none'; .*connect-src 'self'" \
    "$(cat "$tmp/dh")"
check "... and the page names no other host" "http://www.w3.org/2000/svg" \
    "$(grep -oE 'https?://[^"]*' "$top/reports/dashboard.html" | sort -u | tr '\n' ' ' | sed 's/ $//')"
check_match "HEAD / answers without a body" '^HTTP/1.1 200' \
    "$(curl -s -I "$base/" | head -1)"

check "/api/rising is topic rising --json" \
    "200 $("$topic" rising --db "$tmp/h.db" --json --window auto --limit 5)" \
    "$(get '/api/rising?window=auto&limit=5')"
check "/api/topics is topic topics --json" \
    "200 $("$topic" topics --db "$tmp/h.db" --json)" "$(get /api/topics)"
check "/api/search is topic search --json" \
    "200 $("$topic" search --db "$tmp/h.db" --json mamba)" \
    "$(get '/api/search?q=mamba')"
check "/api/report is topic report --format json" \
    "200 $("$topic" report --db "$tmp/h.db" --format json --week 2025-W11)" \
    "$(get '/api/report?week=2025-W11')"
check "a bad rising parameter is a JSON 400" \
    '400 {"error":"window=soon: not a duration (7d, 4w, auto)","status":400}' \
    "$(get '/api/rising?window=soon')"
check "a bad search is a JSON 400, not a crash" "400" \
    "$(get '/api/search?q=%22unclosed' | cut -c1-3)"
check "an unknown path is a JSON 404" \
    '404 {"error":"no such page","status":404}' "$(get /nope)"
for p in /../../etc/passwd /%2e%2e/%2e%2e/etc/passwd //etc/passwd \
    /api/../healthz /api/series/../../etc/passwd '/api/stats%00' \
    /dashboard.html /reports/dashboard.html; do
	check "$p reaches no file (404)" 404 "$(get "$p" | cut -d' ' -f1)"
done
check_match "an unknown parameter is a JSON 400" \
    '^400 \{"error":"unknown parameter \\"limit\\"","status":400\}' \
    "$(get '/api/series?term=agent&limit=3')"
check_match "a bad date is a JSON 400" '^400 \{"error":"from=' \
    "$(get '/api/series?term=agent&from=2025-02-30')"
check_match "too long a range is a JSON 400" '^400 .*more than 731 days' \
    "$(get '/api/series?term=agent&from=2015-01-01&to=2025-01-01')"
check_match "a broken escape is a JSON 400" '^400 .*escape' \
    "$(get '/api/series?term=%zz')"
check_match "a bad week is a JSON 400" '^400 .*ISO week' \
    "$(get '/api/report?week=2025-W99')"
check_match "POST is a JSON 405 with Allow" '^405 \{"error":"only GET and HEAD"' \
    "$(get /api/stats -X POST -d x=1)"
check_match "... and says what is allowed" 'Allow: GET, HEAD' \
    "$(curl -s -D - -o /dev/null -X DELETE "$base/")"
check "a body over the limit is refused" 413 \
    "$(head -c 100000 /dev/zero | tr '\0' x | curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @- "$base/")"
check_match "headers over the limit are refused" '^4[0-9][0-9]$' \
    "$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $(head -c 20000 /dev/zero | tr '\0' x)" "$base/healthz")"
check "a Host that is not local is refused (DNS rebinding)" 403 \
    "$(get /api/stats -H 'Host: evil.example:80' | cut -d' ' -f1)"
check "localhost is a local Host" 200 \
    "$(get /healthz -H "Host: localhost:$port" | cut -d' ' -f1)"

# Slow clients: 40 connections that never finish their headers, held
# until the file release appears (at most 120 s).
python3 - "$port" "$tmp/release" > "$tmp/slow" <<'PY' &
import os, socket, sys, time
s = []
for i in range(40):
    c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    c.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    s.append(c)
print("open", flush=True)
for i in range(1200):
    if os.path.exists(sys.argv[2]):
        break
    time.sleep(0.1)
PY
holder=$!
wait_for 120 grep -q open "$tmp/slow"
check "a request is served while 40 slow clients hold connections" 200 \
    "$(get /healthz | cut -d' ' -f1)"
check "... while they still hold them" 0 "$(kill -0 $holder 2>/dev/null; echo $?)"
touch "$tmp/release"
wait $holder 2>/dev/null

# The load: 10,000 requests from 50 keep-alive connections.
before=$(curl -s "$base/api/sources" | grep -o '"name":"more"[^}]*}[^}]*"fetches":[0-9]*' | grep -o '"fetches":[0-9]*$' | cut -d: -f2)
load=$(python3 "$top/tests/regress/http_load.py" "$port" "$daemon" 10000 50)
after=$(curl -s "$base/api/sources" | grep -o '"name":"more"[^}]*}[^}]*"fetches":[0-9]*' | grep -o '"fetches":[0-9]*$' | cut -d: -f2)
echo "load: $load"
check_match "10,000 requests from 50 connections, no error" \
    '^requests 10000 errors 0 ' "$load"
set -- $load
grow=$(( ${12} - ${10} ))
check "... and the daemon's RSS grew by less than 64 MB (${grow} kB)" 1 \
    "$(( grow < 65536 ))"
secs=${6%.*}
# A count, not a rate: a load of 2 s or more sees the 1 s source fetched.
check "... while the 1 s source kept being fetched ($before -> $after in ${secs}s)" \
    1 "$(( after > before || secs < 2 ))"

# A second daemon on a taken port logs it and goes on without HTTP.
cat > "$tmp/o.conf" <<CONF
database = $tmp/o.db
pidfile = $tmp/o.pid
listen = 127.0.0.1:$port
CONF
"$topicd" -d -f "$tmp/o.conf" 2> "$tmp/o.log" &
other=$!
wait_for 120 grep -q "cannot listen" "$tmp/o.log"
check_match "a taken port is logged" \
    "o.conf: listen = 127.0.0.1:$port: cannot listen there" "$(cat "$tmp/o.log")"
sleep 0.3
check "... and that daemon keeps running" 0 "$(kill -0 $other 2>/dev/null; echo $?)"
kill $other; wait $other 2>/dev/null

check "the daemon outlived it all" 0 "$(kill -0 $daemon 2>/dev/null; echo $?)"
check_match "it still answers" '^200 ' "$(get /healthz)"
kill -TERM $daemon
wait $daemon
check "SIGTERM: exit 0" 0 "$?"
check "no ERROR or sanitizer report in the log" "" \
    "$(grep -E 'ERROR|runtime error|AddressSanitizer' "$tmp/d.log")"
finish
