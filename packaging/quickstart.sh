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

echo "==> Backfilling the Hugging Face Daily Papers sample into a fresh database"
mkdir -p "$work"
rm -f "$work/topicd.db" "$work/topicd.db-wal" "$work/topicd.db-shm"
export TOPICD_DB="$work/topicd.db"
"$topic" ingest "$top/data/hf-daily-papers.jsonl.xz"
"$topic" stats

last=$("$topic" stats --json | sed 's/.*"last_day":"\([0-9-]*\)".*/\1/')
echo
echo "==> What rose in the four weeks to $last (against the eight before)"
"$topic" rising --at "$last" --window 28d --baseline 56d --limit 15

echo
echo "==> A few known events, papers a month"
"$topic" series --by month --from 2024-08-01 --to 2025-06-30 o1 R1 GRPO \
    "test-time scaling"

echo
echo "Database: $work/topicd.db (try: TOPICD_DB=$work/topicd.db $topic --help)"
