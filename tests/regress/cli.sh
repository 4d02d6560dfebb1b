#!/bin/bash
# The command line as a table of commands: global options before or after
# the command mean the same, --help works everywhere and lists what the
# table holds, --top is --limit where a command has one and refused by
# name elsewhere, a bad option is one line naming it, and the API refuses
# a bad value with the message topic(1) gives (one parser for both).
. "$(dirname "$0")/lib.sh" "$@"
db="$tmp/c.db"
"$topic" ingest --db "$db" "$top/data/hf-daily-papers.jsonl.xz" >/dev/null

# Global options before the command.
check "topic --db X stats is topic stats --db X" \
    "$("$topic" stats --db "$db")" "$("$topic" --db "$db" stats)"
check "... with --json after it too" \
    "$("$topic" stats --db "$db" --json)" "$("$topic" --db "$db" stats --json)"
printf 'database = %s\n' "$db" > "$tmp/c.conf"
check "topic --config F CMD is topic CMD --config F" \
    "$("$topic" topics --config "$tmp/c.conf")" \
    "$("$topic" --config "$tmp/c.conf" topics)"
printf 'extra\n' > "$tmp/stop.txt"
printf 'Agents: agent, agents\n' > "$tmp/topics.txt"
check "--stopwords F --topics F before the command" \
    "$("$topic" topics --db "$db" --stopwords "$tmp/stop.txt" --topics "$tmp/topics.txt")" \
    "$("$topic" --stopwords "$tmp/stop.txt" --topics "$tmp/topics.txt" --db "$db" topics)"
check "TOPICD_DB still works" "$("$topic" stats --db "$db")" \
    "$(TOPICD_DB="$db" "$topic" stats)"

# --top: --limit where a command has one.
want=$("$topic" rising --db "$db" --limit 3)
check "rising --top 3 is rising --limit 3" "$want" \
    "$("$topic" rising --db "$db" --top 3)"
check "... also as --top=3" "$want" "$("$topic" rising --db "$db" --top=3)"
check "search --top 2 is search --limit 2" \
    "$("$topic" search --db "$db" --limit 2 agent)" \
    "$("$topic" search --db "$db" --top 2 agent)"
err=$("$topic" --top 3 rising --db "$db" 2>&1); rc=$?
check "--top before the command is not a global option: refused by name" \
    "1|topic: unknown option --top (for the number of items: --limit; for a topics file: --topics)" \
    "$rc|$err"
err=$("$topic" stats --db "$db" --top 3 2>&1); rc=$?
check "--top where there is no --limit: refused by name, not --topics" \
    "1|topic: unknown option --top (for the number of items: --limit; for a topics file: --topics)" \
    "$rc|$err"
check "rising --top 0 is checked as --limit" \
    "topic: --limit 0: not a whole number from 1 to 10000|1" \
    "$("$topic" rising --db "$db" --top 0 2>&1)|$?"

# --help everywhere: exit 0, the usage on standard output.
for h in --help -h help; do
	out=$("$topic" $h 2>/dev/null); rc=$?
	check "topic $h: exit 0" 0 "$rc"
	check_match "topic $h: lists the commands and the global options" \
	    'usage: topic .*rising .*--db FILE' "$(printf '%s' "$out" | tr '\n' ' ')"
done
for cmd in alerts chart ingest rebuild report rising search series stats topics; do
	out=$("$topic" "$cmd" --help 2>/dev/null); rc=$?
	check "topic $cmd --help: exit 0" 0 "$rc"
	check_match "topic $cmd --help: its synopsis" "^usage: topic $cmd" "$out"
	check "topic help $cmd is topic $cmd --help" "$out" "$("$topic" help "$cmd")"
	check "topic $cmd --db X -h is the same help" "$out" \
	    "$("$topic" "$cmd" --db "$db" -h)"
	check_match "topic $cmd --help: the global options" '--stopwords FILE' "$out"
done
check_match "rising --help lists its options from the table" \
    '--window Nd\|Nw\|auto .*--limit N .*--kind term\|phrase\|topic\|all .*--min-count N .*--steady' \
    "$("$topic" rising --help | tr '\n' ' ')"
check_match "ingest --help lists its options" \
    '--format auto\|text.* .*--skip-bad .*--link-xpath X' \
    "$("$topic" ingest --help | tr '\n' ' ')"
check_match "report --help lists -o" '-o, --output DIR' "$("$topic" report --help)"
check_match "--version" '^topic [0-9]+\.[0-9]+' "$("$topic" --version)"

# topicd --help.
out=$("$topicd" --help 2>/dev/null); rc=$?
check "topicd --help: exit 0" 0 "$rc"
check_match "topicd --help: its usage" '^usage: topicd .*-f FILE' "$(printf '%s' "$out" | tr '\n' ' ')"
check "topicd -h is topicd --help" "$out" "$("$topicd" -h)"

# A bad option: one line naming it, exit 1.
# bad NAME EXPECTED-STDERR ARGS...
bad() {
	local name=$1 want=$2 err rc
	shift 2
	err=$("$topic" "$@" 2>&1 >/dev/null); rc=$?
	check "$name" "1|$want" "$rc|$err"
}
bad "an unknown option" "topic: unknown option --frobnicate" stats --db "$db" --frobnicate
bad "an unknown option before the command" "topic: unknown option --frobnicate" --frobnicate stats
bad "an unknown short option" "topic: unknown option -x" rising -x
bad "an option of another command" "topic: unknown option --week" rising --week 2025-W11
bad "an option without its value" "topic: --at needs a value (DATE)" rising --at
bad "a flag with a value" "topic: --json takes no value" stats --json=yes
bad "an ambiguous prefix" "topic: ambiguous option --mi" rising --mi 3
bad "an unknown command" 'topic: unknown command "frob" (try topic --help)' frob
bad "--week and --at at once" "topic: give --week or --at, not both" \
    report --db "$db" --week 2025-W11 --at 2025-03-14
check "a prefix naming one option still works" \
    "$("$topic" rising --db "$db" --limit 2 --kind topic)" \
    "$("$topic" rising --db "$db" --lim 2 --ki topic)"

# The API gives the same message for the same bad value: one parser.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$tmp/d.conf" <<CONF
database = $db
pidfile = $tmp/d.pid
listen = 127.0.0.1:$port
CONF
"$topicd" -d -f "$tmp/d.conf" 2> "$tmp/d.log" &
daemon=$!
trap 'kill $daemon 2>/dev/null; rm -rf "$tmp"' EXIT
wait_for 60 curl -sf "http://127.0.0.1:$port/healthz" || cat "$tmp/d.log" >&2

# same NAME VALUE PATH CLI-ARGS...: the reason after "--NAME VALUE: " on
# the command line is the reason after "NAME=VALUE: " in the API's 400.
same() {
	local name=$1 value=$2 path=$3 cli api
	shift 3
	cli=$("$topic" "$@" --db "$db" --$name "$value" 2>&1 >/dev/null)
	api=$(curl -s "http://127.0.0.1:$port$path?$name=$value")
	cli=${cli#"topic: --$name $value: "}
	api=${api#"{\"error\":\"$name=$value: "}
	check_match "$name=$value: the API refuses it (400)" '"status":400}$' "$api"
	api=${api%\",\"status\":400\}}
	check "$name=$value: the API's message is topic's" "$cli" "$api"
}
same kind words /api/rising rising
same at 2025-02-30 /api/rising rising
same window soon /api/topics topics
same baseline 2x /api/rising rising
same week 2025-W60 /api/report report
same from 2025-13-01 /api/search search agent
same by fortnight /api/series series agent
# The number of items: the API's bound is lower (300, not 10000), the
# words are the same.
cli=$("$topic" rising --db "$db" --limit 0 2>&1)
api=$(curl -s "http://127.0.0.1:$port/api/rising?limit=0")
check "limit=0: topic's message" \
    "topic: --limit 0: not a whole number from 1 to 10000" "$cli"
check "limit=0: the API's, with its own bound" \
    '{"error":"limit=0: not a whole number from 1 to 300","status":400}' "$api"
check "the API takes top= as limit= too" \
    "$(curl -s "http://127.0.0.1:$port/api/rising?limit=2")" \
    "$(curl -s "http://127.0.0.1:$port/api/rising?top=2")"
check "a parameter without a value is named" \
    '{"error":"parameter \"kind\" without a value (kind=...)","status":400}' \
    "$(curl -s "http://127.0.0.1:$port/api/rising?kind")"
kill -TERM $daemon
wait $daemon
check "the daemon exits 0" 0 "$?"
finish
