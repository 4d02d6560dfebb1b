#!/bin/bash
# Alerts end to end. A made-up term planted in three days of real
# background data (Hugging Face archive, one snapshot a day) fires once
# after `for` days, does not repeat, resolves once; a rule on real terms
# stays quiet; a failed ingest or --no-alerts changes nothing. Then the
# daemon's deliveries: a webhook that answers 500 (retried until it
# works), one that is down and one that is slow (given up, logged), a hook
# that hangs (killed at its timeout), mail to a local SMTP sink, a file.
. "$(dirname "$0")/lib.sh" "$@"
hf="$top/data/hf-daily-papers.jsonl.xz"
mkdir -p "$tmp/days" "$tmp/files" "$tmp/mail"

# Days 101 to 140 of the archive, one file each; zorblax in 5 papers (or
# all) of the 21st, 22nd and 23rd.
xz -dc "$hf" | python3 -c '
import json, sys
out, days = sys.argv[1], {}
for line in sys.stdin:
    r = json.loads(line)
    days.setdefault(r["date"], []).append(r)
for i, d in enumerate(sorted(days)[100:140]):
    with open("%s/%02d-%s.jsonl" % (out, i + 1, d), "w") as f:
        for j, r in enumerate(days[d]):
            if i + 1 in (21, 22, 23) and j < 5:
                r["abstract"] = (r.get("abstract") or "") + " With Zorblax."
            f.write(json.dumps(r) + "\n")
' "$tmp/days"
check "40 day files" 40 "$(ls "$tmp/days" | wc -l)"

cat > "$tmp/a.conf" <<CONF
database = $tmp/a.db
[alert plant]
watch = term:zorblax
file = $tmp/plant.jsonl
exec = /usr/bin/tee -a $tmp/exec.jsonl
[alert real]
watch = term:LLM term:diffusion term:agent term:reasoning term:video term:robot term:benchmark term:3D term:code term:"vision-language models"
file = $tmp/real.jsonl
[alert later]
watch = topic:Nonesuch* emerging
CONF
check "-n on the alert config" "configuration OK" "$("$topicd" -n -f "$tmp/a.conf" 2>&1)"
ingest() { "$topic" ingest --config "$tmp/a.conf" "$@" > /dev/null 2>> "$tmp/ingest.log"; }
ingest "$tmp"/days/01-*.jsonl
check "a glob that matches no topic is said once per run" \
    "topic: alert later: topic:Nonesuch* matches no topic" \
    "$(cat "$tmp/ingest.log")"
for f in "$tmp"/days/0[2-9]*.jsonl "$tmp"/days/1*.jsonl; do ingest "$f"; done
ingest "$tmp"/days/20-*.jsonl
"$topic" alerts check --config "$tmp/a.conf" > /dev/null
check "nothing fires before the plant" 0 "$?"
ingest "$tmp"/days/21-*.jsonl
check "the first planted day makes it pending" "pending" \
    "$(sqlite3 "$tmp/a.db" "SELECT status FROM alert_state WHERE item = 'term:zorblax'")"
check "... and sends nothing" "" "$(cat "$tmp/plant.jsonl" 2>/dev/null)"
ingest "$tmp"/days/22-*.jsonl
out=$("$topic" alerts check --config "$tmp/a.conf"); rc=$?
check "after for = 2 days it fires: topic alerts check exits 2" 2 "$rc"
check_match "... naming it" "^FIRING plant term:zorblax since " "$out"
check "one notification in the file" 1 "$(wc -l < "$tmp/plant.jsonl")"
check_match "... in Alertmanager's shape" '^\{"version":"4","groupKey":"\{\}:\{alertname=\\"plant\\"\}","truncatedAlerts":0,"status":"firing",.*"alerts":\[\{"status":"firing","labels":\{"alertname":"plant","item":"term:zorblax","kind":"term"\},"annotations":\{.*\},"startsAt":"[0-9T:-]+Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"[0-9a-f]{16}"\}\]\}$' \
    "$(cat "$tmp/plant.jsonl")"
check "the hook got the same JSON on its standard input" \
    "$(cat "$tmp/plant.jsonl")" "$(cat "$tmp/exec.jsonl")"

# A failed ingest, and --no-alerts, change no alert.
before=$(sqlite3 "$tmp/a.db" "SELECT * FROM alert_state ORDER BY rule, item")
ingest "$tmp/days/missing.jsonl"
check "a failed snapshot changes no alert" "$before" \
    "$(sqlite3 "$tmp/a.db" "SELECT * FROM alert_state ORDER BY rule, item")"
"$topic" ingest --config "$tmp/a.conf" --no-alerts --source other \
    "$tmp"/days/23-*.jsonl > /dev/null
check "--no-alerts judges nothing" "$before" \
    "$(sqlite3 "$tmp/a.db" "SELECT * FROM alert_state ORDER BY rule, item")"
for f in "$tmp"/days/2[4-9]-*.jsonl "$tmp"/days/[34]*.jsonl; do ingest "$f"; done
check "it fired once and resolved once" "pending firing resolved" \
    "$(sqlite3 "$tmp/a.db" "SELECT event FROM alert_history WHERE item = 'term:zorblax' ORDER BY id" | tr '\n' ' ' | sed 's/ $//')"
check "two notifications: no repeat within 7 days" "firing resolved" \
    "$(sed 's/.*"status":"\([a-z]*\)","receiver".*/\1/' "$tmp/plant.jsonl" | tr '\n' ' ' | sed 's/ $//')"
"$topic" alerts check --config "$tmp/a.conf" > /dev/null
check "resolved: check exits 0" 0 "$?"
real=$(sqlite3 "$tmp/a.db" "SELECT count(*) FROM alert_history WHERE rule = 'real' AND event = 'firing'")
check_match "ten real terms over 40 days: at most one fires" '^[01]$' "$real"
json=$("$topic" alerts --json --config "$tmp/a.conf")
check_match "topic alerts --json lists rules, alerts, history, outbox" \
    '^\{"rules":\[\{"name":"plant","watch":"term:zorblax","deliveries":"exec file"\},\{"name":"real",.*\{"name":"later",.*"alerts":\[.*\{"rule":"plant","item":"term:zorblax","status":"resolved",.*"history":\[\{"at":.*"event":"resolved".*"outbox":\{"pending":0,"failed":0,"sent":[0-9]+\}\}$' "$json"
check_match "topic alerts as text" "plant +term:zorblax +resolved" \
    "$("$topic" alerts --config "$tmp/a.conf")"

# The daemon delivers: a local web server and SMTP sink of our own.
python3 "$top/tests/regress/httpd.py" "$tmp/files" "$tmp/port" "$tmp/requests" &
server=$!
python3 "$top/tests/regress/smtpsink.py" "$tmp/smtpport" "$tmp/mail" &
sink=$!
trap 'kill $server $sink $daemon 2>/dev/null; rm -rf "$tmp"' EXIT
wait_for 120 test -s "$tmp/port"
wait_for 120 test -s "$tmp/smtpport"
read -r port hosts < "$tmp/port"
smtp=$(cat "$tmp/smtpport")
dead=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# Ten known days of background, then the daemon stores a spike day.
cat "$tmp"/days/0*.jsonl | sed 's/Zorblax//' > "$tmp/background.jsonl"
"$topic" ingest --db "$tmp/d.db" "$tmp/background.jsonl" > /dev/null
spike=$(ls "$tmp"/days/10-*.jsonl | sed 's/.*10-\(.*\)\.jsonl/\1/')
sed "s/\"date\": \"[0-9-]*\"/\"date\": \"$spike\"/" "$tmp"/days/22-*.jsonl > "$tmp/files/spike.jsonl"
rule() {
	printf '[alert %s]\nwatch = term:zorblax\nfor = 1\nretry_wait = 1s\n' "$1"
}
cat > "$tmp/d.conf" <<CONF
database = $tmp/d.db
pidfile = $tmp/d.pid
report_dir = $tmp/reports-d
[source spike]
url = file://$tmp/files/spike.jsonl
interval = 1h
jitter = 0s
$(rule flaky)
webhook = http://127.0.0.1:$port/hook/flaky/a
retries = 3
$(rule down)
webhook = http://127.0.0.1:$dead/hook
retries = 1
$(rule slow)
webhook = http://127.0.0.1:$port/hook/slow
webhook_timeout = 1s
retries = 0
$(rule hang)
exec = /bin/sleep 30
exec_timeout = 6s
retries = 0
$(rule mail)
mail = ops@example.org dev@example.org
mail_from = topicd@example.org
smtp = smtp://127.0.0.1:$smtp
$(rule log)
file = $tmp/d.jsonl
CONF
check "-n on the delivery config" "configuration OK" "$("$topicd" -n -f "$tmp/d.conf" 2>&1)"
"$topicd" -d -f "$tmp/d.conf" 2> "$tmp/d.log" &
daemon=$!
wait_for 120 grep -q "alert flaky: webhook: delivered" "$tmp/d.log"
wait_for 120 grep -q "alert down: webhook: .*gave up" "$tmp/d.log"
wait_for 120 grep -q "alert slow: webhook: .*gave up" "$tmp/d.log"
wait_for 120 grep -q "alert hang: exec: .*gave up" "$tmp/d.log"
check "the 500 webhook was tried until it worked (3 POSTs)" 3 \
    "$(grep -c '^POST /hook/flaky/a application/json' "$tmp/requests")"
check_match "... logging each failure" "alert flaky: webhook: http://127.0.0.1:[0-9]+/hook/flaky/[a-z]*: HTTP status 500; attempt 2 of 4, next in 2 s" "$(cat "$tmp/d.log")"
check_match "a receiver that is down: retried, then given up and logged" \
    "alert down: webhook: .*(Couldn't connect|Connection refused|Failed to connect).*; gave up after 2 attempts" "$(cat "$tmp/d.log")"
check_match "a slow receiver: timed out, logged" "alert slow: webhook: .*(timed out|Timeout).*; gave up after 1 attempt" "$(cat "$tmp/d.log")"
check_match "a hook that hangs is killed at its timeout" "alert hang: exec: no answer after 6 s: killed; gave up" "$(cat "$tmp/d.log")"
check "... and meanwhile the loop went on: the 500 webhook's retries ended first" \
    "delivered killed" "$(grep -oE 'alert flaky: webhook: delivered|alert hang: exec: no answer.*killed' "$tmp/d.log" | sed 's/.* //' | tr '\n' ' ' | sed 's/ $//')"
check "the file got its line" 1 "$(wc -l < "$tmp/d.jsonl" 2>/dev/null)"
wait_for 120 ls "$tmp/mail/mail-1.eml"
mail=$(cat "$tmp/mail/mail-1.eml" 2>/dev/null | tr -d '\r')
check_match "a mail through the SMTP sink, to both addresses" \
    "X-Envelope-To: <ops@example.org> <dev@example.org>" "$mail"
check_match "... with a subject that counts" "Subject: \\[topicd\\] mail: 1 firing, 0 resolved" "$mail"
check_match "... and a plain-text body" "FIRING +term:zorblax: 5 of [0-9]+ papers on $spike" "$mail"
check "the outbox keeps what was sent and what failed" "failed|3 sent|3" \
    "$(sqlite3 "$tmp/d.db" "SELECT status, count(*) FROM alert_outbox GROUP BY status ORDER BY status" | tr '\n' ' ' | sed 's/ $//')"
check "the daemon runs on" "alive" "$(kill -0 $daemon 2>/dev/null && echo alive)"
kill -TERM $daemon
wait $daemon
check "... and exits 0 on SIGTERM" 0 "$?"
daemon=""

# topic alerts test NAME: through the rule's deliveries, now.
cat > "$tmp/t.conf" <<CONF
database = $tmp/d.db
[alert ok]
watch = term:x
webhook = http://127.0.0.1:$port/hook/ok
file = $tmp/t.jsonl
[alert broken]
watch = term:x
webhook = http://127.0.0.1:$port/hook/500
[alert none]
watch = term:x
CONF
out=$("$topic" alerts test ok --config "$tmp/t.conf" 2>&1); rc=$?
check "alerts test: exit 0" 0 "$rc"
check "... says how each went" "alert ok: webhook: sent
alert ok: file: sent" "$(printf '%s\n' "$out" | sort -r)"
check_match "... the receiver got a test notification" '"summary":"test notification of alert ok"' \
    "$(tail -1 "$tmp/requests.bodies")"
err=$("$topic" alerts test broken --config "$tmp/t.conf" 2>&1); rc=$?
check_match "a failing test delivery: exit 1 and why" "^1 topic: alert broken: webhook: http://127.0.0.1:[0-9]+/hook/500: HTTP status 500$" "$rc $err"
err=$("$topic" alerts test none --config "$tmp/t.conf" 2>&1); rc=$?
check_match "a rule without delivery" "^1 .*t.conf:9: \\[alert none\\] has no delivery" "$rc $err"

# A webhook that is not http(s) is refused at config check.
printf '[alert x]\nwatch = term:x\nwebhook = file:///etc/passwd\n' > "$tmp/bad.conf"
err=$("$topicd" -n -f "$tmp/bad.conf" 2>&1); rc=$?
check "a file:// webhook is refused" "1 $tmp/bad.conf:3: webhook = \"file:///etc/passwd\": want an http:// or https:// URL" "$rc $err"
# emerging: the clusters that rise together are watched as one item each.
cat > "$tmp/e.conf" <<CONF
database = $tmp/e.db
[alert new]
watch = emerging
file = $tmp/emerging.jsonl
CONF
xz -dc "$top/data/hf-daily-papers.jsonl.xz" | awk '$0 < "{\"date\": \"2025-02-28"' |
    "$topic" ingest --config "$tmp/e.conf" --no-alerts - > /dev/null
xz -dc "$top/data/hf-daily-papers.jsonl.xz" | grep '"date": "2025-02-28"' > "$tmp/e1.jsonl"
"$topic" ingest --config "$tmp/e.conf" "$tmp/e1.jsonl" > /dev/null 2>&1
check_match "an emerging cluster becomes an alert item, named as topic rising names it" \
    "emerging:[Tt]est-[Tt]ime [Ss]caling" \
    "$(sqlite3 "$tmp/e.db" "SELECT item FROM alert_state WHERE rule = 'new'" | tr '\n' ' ')"
finish
