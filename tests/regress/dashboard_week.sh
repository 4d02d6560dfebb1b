#!/bin/bash
# The dashboard's week picker in headless Chromium, both ways: the native
# <input type=week>, and the <select> of the database's ISO weeks that
# browsers without it get (forced here with ?nativeweek=0). Each picks a
# week (?week=) and must show that week's rising topics, every paper title
# a link. Skipped (exit 77) where Chromium is not installed.
. "$(dirname "$0")/lib.sh" "$@"
chromium=$(command -v chromium || command -v chromium-browser)
if [ -z "$chromium" ]; then
	echo "chromium not installed (packaging/deps.sh --test installs it): skipped"
	exit 77
fi
xz -dc "$top/data/hf-daily-papers.jsonl.xz" | sed -n '1,3000p' > "$tmp/a.jsonl"
"$topic" ingest --db "$tmp/w.db" --source archive "$tmp/a.jsonl" >/dev/null 2>&1
"$topic" ingest --db "$tmp/w.db" --source day \
    "$top/tests/data/hf-daily-papers-2025-03-14.json" >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
printf 'database = %s\npidfile = %s\nlisten = %s\n' "$tmp/w.db" \
    "$tmp/w.pid" "$port" > "$tmp/w.conf"
"$topicd" -d -f "$tmp/w.conf" 2> "$tmp/d.log" &
daemon=$!
trap 'kill $daemon 2>/dev/null; rm -rf "$tmp"' EXIT
wait_for 120 curl -sf "$base/healthz" || cat "$tmp/d.log" >&2

# dom URL MARK: the page's DOM once it holds MARK; Chromium is started
# again with a longer virtual-time budget until it does (a slow machine
# only takes longer).
dom() {
	local budget=10000 i
	for i in 1 2 3 4 5 6; do
		rm -rf "$tmp/profile"
		timeout 300 "$chromium" --headless --no-sandbox --disable-gpu \
		    --disable-quic --no-first-run --disable-background-networking \
		    --disable-component-update --disable-sync \
		    --user-data-dir="$tmp/profile" --window-size=1280,1400 \
		    --virtual-time-budget=$budget --dump-dom "$1" \
		    2>> "$tmp/chromium.log" | tr '\n' ' ' > "$tmp/dom.html"
		grep -q -- "$2" "$tmp/dom.html" && break
		budget=$((budget * 2))
	done
	cat "$tmp/dom.html"
}

week=2024-W30
for way in native select; do
	url="$base/?week=$week"
	[ $way = select ] && url="$base/?nativeweek=0&week=$week"
	d=$(dom "$url" "data-week=\"$week\"")
	check_match "$way: the picker is the $way one" \
	    "<form id=\"weekform\" role=\"search\" data-picker=\"$way\">" "$d"
	check_match "$way: the week is picked" "<body [^>]*data-week=\"$week\"" "$d"
	check_match "$way: the rising table is that week's" \
	    "<span id=\"rising-week\">\\($week\\)</span>" "$d"
	check_match "$way: ... its window ends in that week" \
	    'id="rising-note" class="note">window [0-9-]+ to 2024-07-2[2-8]: [0-9]+ papers' "$d"
	check_match "$way: ... with rows" \
	    '<section id="rising" class="wide" data-state="ok">.*<tbody><tr><td><span>' "$d"
	check_match "$way: paper titles are links" \
	    '<ul class="papers"><li><a href="https://arxiv.org/abs/[0-9.]+" rel=' "$d"
	check "$way: ... every one" "" \
	    "$(grep -o '<ul class="papers"><li><span' "$tmp/dom.html")"
	[ $way = select ] && check_match "select: it lists the database's weeks" \
	    "<select id=\"week\" name=\"week\"><option value=\"20[0-9]{2}-W[0-9]{2}\">20[0-9]{2}-W[0-9]{2} \\([0-9]+ papers\\)</option>.*<option value=\"$week\">" "$d"
	check_match "$way: an archive source shows its last ingest" \
	    '<td title="">archive</td><td class="ingested">ingested</td><td title="[^"]*a.jsonl">ingest [0-9-]+ [0-9:]+ UTC: a.jsonl, [0-9]+ days \([0-9-]+ to [0-9-]+\), 3000 papers</td>' "$d"
done
kill -TERM $daemon
wait $daemon
check "SIGTERM: exit 0" 0 "$?"
finish
