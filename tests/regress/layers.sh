#!/bin/bash
# analysis/ and reports/ stay pure: no SQLite, curl, libevent, clock,
# processes or files (STYLE.md). A change that crosses a layer fails here.
. "$(dirname "$0")/lib.sh" "$@"

forbidden='#include *<(sqlite3|curl/|event2/|event\.h|unistd\.h|fcntl\.h|sys/)|[^_a-z]time\(|gettimeofday|clock_gettime|fork\(|exec[lv]p?\(|system\(|popen\(|fopen\(|open\('
for dir in analysis reports; do
	hits=$(grep -nE "$forbidden" "$top/$dir"/*.c "$top/$dir"/*.h 2>/dev/null)
	check "$dir/ has no side effects" "" "$hits"
	hits=$(grep -nE '#include *"(topicd|log|store_int)\.h"' "$top/$dir"/*.[ch])
	check "$dir/ includes nothing from daemon/" "" "$hits"
done
hits=$(grep -nE '#include *"reports\.h"' "$top"/analysis/*.[ch])
check "analysis/ does not reach up into reports/" "" "$hits"
hits=$(grep -nE 'sqlite3_(prepare|exec)' "$top"/daemon/*.c | grep -vE 'daemon/store(_query)?\.c')
check "all SQL lives in the store" "" "$hits"
finish
