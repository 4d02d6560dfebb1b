#!/bin/bash
# How often an alert rule fires on real data without a planted spike: the
# Hugging Face archive (data/hf-daily-papers.jsonl.xz) ingested day by day,
# one snapshot a day, with one rule watching twenty common terms that
# stand in for topics, at the default thresholds (rule "rate"), and the
# same with for = 1 (rule "single": what one day alone would fire). Prints
# the firings per watched item and year of data (calendar days from the
# first to the last).
# usage: tests/bench/alert_rate.sh BUILD_DIR [DAYS]  (DAYS: only the first N)
set -e
build=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
limit=${2:-100000}
. "$top/tests/bench/lib.sh"
bench_tmpdir rate
xz -dc "$top/data/hf-daily-papers.jsonl.xz" | python3 -c '
import json, sys
out, days = sys.argv[1], {}
for line in sys.stdin:
    days.setdefault(json.loads(line)["date"], []).append(line)
for i, d in enumerate(sorted(days)[:int(sys.argv[2])]):
    with open("%s/%s.jsonl" % (out, d), "w") as f:
        f.writelines(days[d])
' "$tmp" "$limit"
items='term:LLM term:diffusion term:agent term:RAG term:reasoning term:RLHF term:DPO term:LoRA term:quantization term:MoE term:mamba term:"gaussian splatting" term:NeRF term:speech term:robot term:code term:safety term:video term:3D term:benchmark'
cat > "$tmp/rate.conf" <<CONF
database = $tmp/rate.db
[alert rate]
watch = $items
[alert single]
watch = $items
for = 1
CONF
for f in "$tmp"/2*.jsonl; do
	"$build/topic" ingest --config "$tmp/rate.conf" "$f" >/dev/null 2>>"$tmp/log"
done
first=$(ls "$tmp"/2*.jsonl | head -1 | xargs basename | cut -c1-10)
last=$(ls "$tmp"/2*.jsonl | tail -1 | xargs basename | cut -c1-10)
known=$(ls "$tmp"/2*.jsonl | wc -l)
for rule in rate single; do
	firings=$(sqlite3 "$tmp/rate.db" "SELECT count(*) FROM alert_history WHERE rule = '$rule' AND event = 'firing'")
	python3 -c "
import datetime as d
a, b = d.date.fromisoformat('$first'), d.date.fromisoformat('$last')
years = ((b - a).days + 1) / 365.25
print('rule $rule: $firings firings of 20 items over $known known days ($first to $last, %.2f years): %.2f per item-year' % (years, $firings / 20 / years))
"
	sqlite3 "$tmp/rate.db" "SELECT '  ' || item || ': ' || count(*) FROM alert_history WHERE rule = '$rule' AND event = 'firing' GROUP BY item ORDER BY item"
done
