#!/bin/bash
# The daily snapshot as a user sees it: in the long-running daemon, caches
# warm, on the five-year database against an empty one. Two daemons run
# side by side, one on each database, each with a file:// source polled
# every second; a new day of 200 papers is put in one's feed, then in the
# other's, so that both see the same moments of the machine. The time is
# the pipeline's (parse, count, store) as the daemon logs it for each
# stored snapshot ("stored in N ms"). Day 0 warms each daemon up; days 1
# to 7 are timed; medians are printed. Each day is given to a daemon that
# is idle, its index upkeep after the last snapshot done (-v logs it), as
# a daemon fed once a day is. A benchmark: it asserts nothing.
#
# usage: tests/bench/snapshot_daemon.sh BUILD_DIR FIVE_YEAR_DB
# (run.sh calls it with its cache's five-year database)
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
y5=$2
py=/usr/bin/python3
hf=$top/data/hf-daily-papers.jsonl.xz
bench=$top/tests/bench
tmp=$(mktemp -d "${TMPDIR:-/tmp}/topicd-snapd.XXXXXX")
pids=""
trap 'kill $pids 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

for i in 0 1 2 3 4 5 6 7; do
	$py "$bench/synth_hf.py" "$hf" "$tmp/day$i.jsonl" 200 1 \
	    --start "2024-01-0$((i + 1))" --seed "$((100 + i))" --prefix "d$i-"
done
cp "$y5" "$tmp/full.db"
printf '<rss version="2.0"><channel><title>none</title></channel></rss>\n' \
    > "$tmp/none.xml"
"$build/topic" ingest --no-alerts --source synth --date 2023-12-31 \
    --db "$tmp/empty.db" "$tmp/none.xml" >/dev/null

# start NAME: a daemon on NAME.db whose source reads NAME.feed.
start() {
	cp "$tmp/day0.jsonl" "$tmp/$1.feed"
	cat "$tmp/$1.db" >/dev/null	# in the page cache, as when running
	printf 'database = %s\npidfile = %s\nreport_dir = %s\n[source synth]\nurl = file://%s\ninterval = 1s\njitter = 0s\n' \
	    "$tmp/$1.db" "$tmp/$1.pid" "$tmp/$1.reports" "$tmp/$1.feed" \
	    > "$tmp/$1.conf"
	mkdir -p "$tmp/$1.reports"
	"$build/topicd" -d -v -f "$tmp/$1.conf" 2> "$tmp/$1.log" &
	pids="$pids $!"
}

# stored NAME: how many snapshots NAME's daemon has logged.
stored() {
	grep -c 'stored in' "$tmp/$1.log" || true
}

# await NAME N: wait (up to ten minutes) until NAME has stored N snapshots.
await() {
	local t=0
	while [ "$(stored "$1")" -lt "$2" ]; do
		sleep 0.2
		t=$((t + 1))
		if [ $t -gt 3000 ] || ! kill -0 $pids 2>/dev/null; then
			echo "snapshot_daemon: $1 did not store snapshot $2" >&2
			cat "$tmp/$1.log" >&2
			exit 1
		fi
	done
}

# idle NAME: whether NAME's daemon has finished the index upkeep (the
# papers it lacks, the merges) that followed its last stored snapshot.
idle() {
	local stored upkept
	stored=$(grep -n 'stored in' "$tmp/$1.log" | tail -1 | cut -d: -f1)
	upkept=$(grep -n 'search index: up to date' "$tmp/$1.log" | tail -1 |
	    cut -d: -f1)
	[ -n "$upkept" ] && [ "$upkept" -gt "${stored:-0}" ]
}

# await_idle NAME: wait (up to ten minutes) until NAME is idle.
await_idle() {
	local t=0
	until idle "$1"; do
		sleep 0.2
		t=$((t + 1))
		if [ $t -gt 3000 ]; then
			echo "snapshot_daemon: $1 never went idle" >&2
			cat "$tmp/$1.log" >&2
			exit 1
		fi
	done
}

# feed NAME DAY: give NAME's source a new day, atomically.
feed() {
	cp "$tmp/day$2.jsonl" "$tmp/$1.feed.new"
	mv "$tmp/$1.feed.new" "$tmp/$1.feed"
}

start empty
start full
await empty 1
await full 1
for i in 1 2 3 4 5 6 7; do
	await_idle empty
	await_idle full
	feed empty "$i"
	await empty $((i + 1))
	await_idle empty
	feed full "$i"
	await full $((i + 1))
done

# median NAME: the middle time of NAME's timed snapshots (not day 0).
median() {
	sed -n 's/.*stored in \([0-9.]*\) ms.*/\1/p' "$tmp/$1.log" |
	    tail -n +2 | sort -n | sed -n 4p
}
empty=$(median empty)
full=$(median full)
printf 'daemon_empty_ms=%s daemon_full_ms=%s ratio=%s\n' "$empty" "$full" \
    "$(awk "BEGIN {printf \"%.2f\", $full / $empty}")"
