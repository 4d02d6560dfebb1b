# Shared by the regression scripts: where the binaries are, a scratch
# directory removed on exit, and checks that print what failed.
# Usage in a script: . "$(dirname "$0")/lib.sh" "$@"
build=$1
top=$2
topicd="$build/topicd"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/topicd-regress.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0

# Scripts run topic through a wrapper that notes any run dying of a
# crash signal (abort, a sanitizer's report, a bad access) in
# $tmp/crashes, and finish fails on it: a crash is caught even where a
# script only looks at what a command printed. topic_bin is the program
# itself, for a script that kills it on purpose.
topic_bin="$build/topic"
topic="$tmp/bin/topic"
mkdir "$tmp/bin"
cat > "$topic" <<WRAP
#!/bin/sh
"$topic_bin" "\$@"
rc=\$?
case \$rc in
132|134|135|136|139) echo "topic \$*: died of signal \$((rc - 128))" >> "$tmp/crashes";;
esac
exit \$rc
WRAP
chmod +x "$topic"

# check WHAT EXPECTED ACTUAL
check() {
	checks=$((checks + 1))
	if [ "$2" = "$3" ]; then
		return 0
	fi
	failures=$((failures + 1))
	printf 'FAIL: %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3" >&2
}

# check_match WHAT PATTERN ACTUAL (grep -E)
check_match() {
	checks=$((checks + 1))
	if printf '%s' "$3" | grep -Eq -- "$2"; then
		return 0
	fi
	failures=$((failures + 1))
	printf 'FAIL: %s\n  pattern: %s\n  actual:  %s\n' "$1" "$2" "$3" >&2
}

# The value of a top-level key of a one-line JSON object.
json_field() {
	printf '%s' "$1" | sed -n "s/.*\"$2\":\\(\"[^\"]*\"\\|[0-9-]*\\|null\\).*/\\1/p"
}

# wait_for SECONDS COMMAND...: until the command succeeds (1 if it never).
wait_for() {
	local n=$(($1 * 10)); shift
	while [ $n -gt 0 ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; n=$((n - 1)); done
	return 1
}

finish() {
	checks=$((checks + 1))
	if [ -s "$tmp/crashes" ]; then
		failures=$((failures + 1))
		printf 'FAIL: a run of topic crashed\n%s\n' \
		    "$(cat "$tmp/crashes")" >&2
	fi
	echo "$((checks - failures)) passed, $failures failed"
	[ "$failures" -eq 0 ]
}
