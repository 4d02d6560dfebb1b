#!/bin/bash
# The idle daemon: between timers topicd sleeps in the event loop. Counts
# its system calls over a quiet minute (strace), then watches its resident
# memory over many passes of a source that changes every second. Prints
# figures; asserts nothing.
#
# usage: tests/bench/idle.sh [BUILD_DIR] [SECONDS]
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build-bench}
quiet=${2:-60}
. "$top/tests/bench/lib.sh"
bench_setup "$build"
command -v strace >/dev/null || apt-get install -y -qq strace >/dev/null
tmp=$(mktemp -d "${TMPDIR:-/tmp}/topicd-idle.XXXXXX")
trap 'kill $pid $feeder 2>/dev/null; rm -rf "$tmp"' EXIT
xz -dc "$top/data/hf-daily-papers.jsonl.xz" | head -2000 > "$tmp/pool.jsonl"

# 1. Quiet: one source fetched at start, next due in an hour.
head -20 "$tmp/pool.jsonl" > "$tmp/quiet.jsonl"
printf 'database = %s/q.db\npidfile = %s/q.pid\n[source q]\nurl = file://%s/quiet.jsonl\ninterval = 1h\njitter = 0s\n' \
    "$tmp" "$tmp" "$tmp" > "$tmp/q.conf"
"$build/topicd" -d -f "$tmp/q.conf" 2>/dev/null &
pid=$!
sleep 2
timeout "$quiet" strace -f -c -p "$pid" -o "$tmp/strace.txt" 2>/dev/null || true
calls=$(awk '$NF == "total" {print $(NF-2)}' "$tmp/strace.txt")
kill $pid; wait $pid 2>/dev/null || true

# 2. Busy: a source whose file grows every second, fetched every second.
head -1 "$tmp/pool.jsonl" > "$tmp/busy.jsonl"
( n=2; while [ $n -le 2000 ]; do sed -n "${n}p" "$tmp/pool.jsonl" >> "$tmp/busy.jsonl"; n=$((n + 1)); sleep 1; done ) &
feeder=$!
printf 'database = %s/b.db\npidfile = %s/b.pid\n[source b]\nurl = file://%s/busy.jsonl\ninterval = 1s\njitter = 0s\n' \
    "$tmp" "$tmp" "$tmp" > "$tmp/b.conf"
"$build/topicd" -d -f "$tmp/b.conf" 2>/dev/null &
pid=$!
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
sleep 10
early=$(rss)
sleep 50
late=$(rss)
passes=$(sqlite3 "$tmp/b.db" "SELECT count(*) FROM fetch")
kill $pid $feeder; wait $pid 2>/dev/null || true

printf '%-44s %s\n' "figure" "measured"
printf '%-44s %s\n' "system calls in ${quiet} s idle (strace -c)" "${calls:-0}"
printf '%-44s %s KiB\n' "resident memory after 10 s of 1 s passes" "$early"
printf '%-44s %s KiB\n' "resident memory after 60 s" "$late"
printf '%-44s %s\n' "passes in those 60 s" "$passes"
