#!/bin/bash
# The dashboard in a real browser: topicd serves a sample database and
# headless Chromium loads the page, which draws the sources' table, the
# chart of topics by week (from /api/series), the firing alerts and, with
# #q=TERM, uses the search box (the term joins the chart). Data is shown
# as text, never as markup. Screenshots (desktop and phone) are saved in
# the build folder. Skipped, saying so, where Chromium is not installed.
. "$(dirname "$0")/lib.sh" "$@"
chromium=$(command -v chromium || command -v chromium-browser)
if [ -z "$chromium" ]; then
	echo "chromium not installed (packaging/deps.sh --test installs it): skipped"
	exit 0
fi
hf="$top/data/hf-daily-papers.jsonl.xz"
xz -dc "$hf" | sed -n '1,9000p' > "$tmp/archive.jsonl"
xz -dc "$hf" | sed -n '9001,9112p' > "$tmp/more.jsonl"
"$topic" ingest --db "$tmp/b.db" --source sample "$tmp/archive.jsonl" \
    > /dev/null 2>&1
# A firing alert, and one whose item is markup that must stay text.
python3 - "$tmp/b.db" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
now = int(time.time())
for item, status in (("term:agent", "firing"),
                     ("term:<img src=x onerror=alert(1)>", "firing"),
                     ("topic:LLM", "inactive")):
    db.execute("INSERT INTO alert_state (rule, item, status, streak, calm, "
               "day, qual_day, calm_day, since, started, notified, count, "
               "papers, expected, p) VALUES ('spikes', ?, ?, 2, 0, 20440, "
               "20440, NULL, ?, ?, ?, 12, 40, 3.5, 1e-5)",
               (item, status, now, now, now))
db.commit()
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
cat > "$tmp/b.conf" <<CONF
database = $tmp/b.db
pidfile = $tmp/b.pid
listen = $port
[source more]
url = file://$tmp/more.jsonl
jitter = 0s
[source broken]
url = file://$tmp/missing.jsonl
jitter = 0s
[alert spikes]
watch = term:agent
file = $tmp/alerts.jsonl
CONF
"$topicd" -d -f "$tmp/b.conf" 2> "$tmp/d.log" &
daemon=$!
trap 'kill $daemon 2>/dev/null; rm -rf "$tmp"' EXIT
wait_for 120 sh -c "curl -s $base/api/sources | grep -q '\"status\":\"failing\"'" ||
    cat "$tmp/d.log" >&2

# browse WIDTH HEIGHT ARGS...: headless Chromium as root, a new profile.
browse() {
	local w=$1 h=$2; shift 2
	rm -rf "$tmp/profile"
	mkdir "$tmp/profile"
	timeout 90 "$chromium" --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$tmp/profile" --window-size="$w,$h" \
	    --virtual-time-budget=15000 "$@" 2>> "$tmp/chromium.log"
}

browse 1280 1400 --dump-dom "$base/#q=mamba" > "$tmp/dom.html"
dom=$(tr '\n' ' ' < "$tmp/dom.html")
check_match "the page loaded and its requests all ended" \
    '<body data-ready="1">' "$dom"
check_match "the sources table lists each source" \
    '<section id="sources" class="wide" data-state="ok">.*<td title="file://[^"]*more.jsonl">more</td><td class="(ok|fetching)">' \
    "$dom"
check_match "... and shows the broken one failing" \
    '<td title="file://[^"]*missing.jsonl">broken</td><td class="failing">failing</td>' \
    "$dom"
check_match "the chart is drawn from /api/series" \
    '<section id="chart" class="wide" data-state="ok">.*<svg viewBox="0 0 [0-9]+ 260" width="100%" role="img" id="chart-svg"' \
    "$dom"
check_match "... with a line for each rising item" \
    '<polyline fill="none" stroke="#[0-9a-f]+" stroke-width="2" data-term="[^"]+" points="[0-9., ]+"><title>' \
    "$dom"
check_match "the search box is there" '<input type="search" id="q" name="q"' \
    "$dom"
check_match "a search adds the term to the chart" \
    'data-term="mamba" points="[0-9., ]+"' "$dom"
check_match "... and lists the papers it finds" \
    '<section id="results" data-state="ok">.*[0-9]+ papers for “mamba”.*<ul id="results-list"[^>]*><li>' \
    "$dom"
check_match "firing alerts are listed" \
    '<li class="firing">spikes: term:agent since [0-9-]+ [0-9]{2}:[0-9]{2} UTC \([0-9]+ of [0-9]+ papers on 20[0-9-]+\)</li>' \
    "$dom"
check_match "data is text, not markup" \
    '<li class="firing">spikes: term:&lt;img src=x onerror=alert\(1\)&gt; since' \
    "$dom"
check "... and no element came from it" "" \
    "$(grep -o '<img[^>]*>' "$tmp/dom.html")"
check_match "a week picker, set to the last known week" \
    '<input type="week" id="week" name="week" placeholder="YYYY-Www"' "$dom"
check_match "the rising table has rows, each with a sparkline" \
    '<section id="rising" class="wide" data-state="ok">.*<tbody><tr><td><span>[^<]+</span>.*<svg width="90" height="22" viewBox="0 0 90 22" class="spark"><polyline' \
    "$dom"

browse 1280 1400 --screenshot="$build/dashboard-desktop.png" "$base/#q=mamba" \
    > /dev/null
browse 390 1600 --screenshot="$build/dashboard-phone.png" "$base/" > /dev/null
check "a desktop screenshot is saved" 1 \
    "$([ -s "$build/dashboard-desktop.png" ] && echo 1)"
check "a phone screenshot is saved" 1 \
    "$([ -s "$build/dashboard-phone.png" ] && echo 1)"
check "the daemon is still running" 0 "$(kill -0 $daemon; echo $?)"
kill -TERM $daemon
wait $daemon
check "SIGTERM: exit 0" 0 "$?"
finish
