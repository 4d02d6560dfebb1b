#!/bin/bash
# The rooms and their layers (README, "Layout"): every include of the
# project names its room by path, and a room includes only itself and the
# rooms below it. analysis/ and reports/ stay pure: no SQLite, curl,
# libevent, clock, processes or files (STYLE.md). The two programs are on
# top and neither includes the other. A change that crosses a layer fails
# here; the unit tests, linked with their room and the rooms below only,
# fail to link on a call that runs up.
. "$(dirname "$0")/lib.sh" "$@"

# Each room, and the rooms it may include (itself and those below).
analysis="analysis/base analysis/text analysis/digest analysis/trend"
declare -A may=(
	[analysis/base]="analysis/base"
	[analysis/text]="analysis/base analysis/text"
	[analysis/digest]="analysis/base analysis/text analysis/digest"
	[analysis/trend]="analysis/base analysis/text analysis/trend"
	[reports]="$analysis reports"
	[daemon/sys]="$analysis daemon/sys"
	[daemon/store]="$analysis reports daemon/sys daemon/store"
	[daemon/net]="$analysis reports daemon/sys daemon/store daemon/net"
	[daemon/query]="$analysis reports daemon/sys daemon/store daemon/query"
	[daemon/ingest]="$analysis reports daemon/sys daemon/store daemon/net daemon/query daemon/ingest"
	[daemon/topicd]="$analysis reports daemon/sys daemon/store daemon/net daemon/query daemon/ingest daemon/topicd"
	[daemon/topic]="$analysis reports daemon/sys daemon/store daemon/net daemon/query daemon/ingest daemon/topic"
)

# Every source file is in a room this script knows.
stray=$(cd "$top" && ls analysis/*.[ch] daemon/*.[ch] 2>/dev/null)
check "every source file is in a room" "" "$stray"

for room in "${!may[@]}"; do
	bad=
	for f in "$top/$room"/*.[ch]; do
		while IFS= read -r inc; do
			case $inc in
			*/*) dir=${inc%/*} ;;
			*) [ -f "$top/$room/$inc" ] && continue
				bad="$bad ${f#$top/}:$inc(not in this room)"; continue ;;
			esac
			case " ${may[$room]} " in
			*" $dir "*) ;;
			*) bad="$bad ${f#$top/}:$inc" ;;
			esac
		done < <(sed -n 's/^#include *"\([^"]*\)".*/\1/p' "$f")
	done
	check "$room includes only itself and the rooms below" "" "$bad"
	# One header names what the room offers, opening with a comment.
	name=${room##*/}
	head=$top/$room/$name.h
	check "$room has its header $name.h" yes "$([ -f "$head" ] && echo yes)"
	check_match "$room/$name.h opens with a comment naming the room" \
	    "^ \* $room: " "$(sed -n 2p "$head")"
done

# open( alone: iconv_open( and the like only compute.
forbidden='#include *<(sqlite3|curl/|event2/|event\.h|unistd\.h|fcntl\.h|sys/)|[^_a-z]time\(|gettimeofday|clock_gettime|fork\(|exec[lv]p?\(|system\(|popen\(|fopen\(|(^|[^_a-z])open\('
for dir in analysis/base analysis/text analysis/digest analysis/trend reports; do
	hits=$(grep -nE "$forbidden" "$top/$dir"/*.[ch] 2>/dev/null)
	check "$dir/ has no side effects" "" "$hits"
done
hits=$(grep -nE 'sqlite3_(prepare|exec)' "$top"/daemon/*/*.c | grep -v '/daemon/store/')
check "all SQL lives in the store" "" "$hits"
hits=$(grep -nE '#include *<curl/' "$top"/daemon/*/*.[ch] | grep -vE '/daemon/(net|topicd|topic)/')
check "below the programs, only the network room includes curl" "" "$hits"
finish
