#!/bin/sh
# A newcomer's one command: install what is missing (Debian 12, as root),
# build topic and topicd, backfill the shipped sample archive into a fresh
# database, and show what rose in its last weeks.
#
# usage: packaging/quickstart.sh [WORKDIR]   (default: ./quickstart)
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$PWD/quickstart}

echo "==> Checking dependencies"
"$top/packaging/deps.sh"

echo "==> Building"
cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$top/build" -j "$(nproc)" >/dev/null
topic="$top/build/topic"

echo "==> Backfilling the Hugging Face Daily Papers sample (to 2025-12-24) into a fresh database"
mkdir -p "$work"
rm -f "$work/topicd.db" "$work/topicd.db-wal" "$work/topicd.db-shm"
export TOPICD_DB="$work/topicd.db"
xz -dc "$top/data/hf-daily-papers.jsonl.xz" |
    grep -v '"date": "2025-12-\(2[5-9]\|3[01]\)"' |
    "$topic" ingest --source hf-backfill -

echo
echo "==> One pass of the daemon over a demo config: the whole archive as a"
echo "    file:// source, so it stores the last week's papers and no others"
cat > "$work/demo.conf" <<CONF
# A demo topicd.conf: the bundled sample as a file:// source.
database = $work/topicd.db
pidfile = $work/topicd.pid
report_dir = $work/reports
# The dashboard and JSON API, on loopback only (topicd -1 does not serve).
listen = 127.0.0.1:8377

[source hf-archive]
url = file://$top/data/hf-daily-papers.jsonl.xz
format = jsonl
interval = 1d
CONF
"$top/build/topicd" -n -f "$work/demo.conf"
"$top/build/topicd" -1 -f "$work/demo.conf"
"$topic" stats

last=$("$topic" stats --json | sed 's/.*"last_day":"\([0-9-]*\)".*/\1/')
echo
echo "==> What rose in the last weeks to $last (the shortest window with"
echo "    1,000 papers, against one twice as long before it)"
"$topic" rising --at "$last" --window auto --limit 15

echo
echo "==> A few known events, papers a month"
"$topic" series --by month --from 2024-08-01 --to 2025-06-30 o1 R1 GRPO \
    "test-time scaling"

echo
echo "==> The weekly report and charts of the last week"
"$topic" report --at "$last" -o "$work/reports"
"$topic" chart --at "$last" -o "$work/reports"

echo
echo "==> The dashboard: run  $top/build/topicd -d -f $work/demo.conf"
echo "    and open http://127.0.0.1:8377/ in a browser (JSON under /api/, /metrics)"

echo
echo "Database: $work/topicd.db (try: TOPICD_DB=$work/topicd.db $topic --help)"
echo "Report and charts: $work/reports (open report-*.html in a browser)"
echo
echo "To run topic and topicd by name in this shell:"
echo "    export PATH=\"$top/build:\$PATH\" TOPICD_DB=\"$work/topicd.db\""
echo "To install them (see README.md, Installing):"
echo "    cmake --install $top/build --prefix /usr/local"
