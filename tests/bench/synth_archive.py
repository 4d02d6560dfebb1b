#!/usr/bin/env python3
"""Write a synthetic digest archive for the scale benchmark: DAYS days of
PER_DAY papers each, one JSONL file a day (OUTDIR/YYYY-MM-DD.jsonl), with
abstracts of about WORDS words drawn from a Zipf vocabulary of made-up
words, plus a few planted events (terms that start at some day and grow).
Deterministic for a seed. Usage:
    synth_archive.py OUTDIR DAYS PER_DAY [WORDS] [SEED]
"""
import bisect
import datetime
import itertools
import json
import os
import random
import sys


def words(rng, n):
    """n distinct pronounceable made-up words."""
    cons, vows = "bcdfghjklmnprstvz", "aeiou"
    seen, out = set(), []
    while len(out) < n:
        w = "".join(rng.choice(cons) + rng.choice(vows)
                    for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def main():
    outdir, days, per_day = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    nwords = int(sys.argv[4]) if len(sys.argv) > 4 else 90
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    vocab = words(rng, 60000)
    cum = list(itertools.accumulate(1.0 / (r + 1) ** 1.07
                                    for r in range(len(vocab))))
    events = [("Zorbanet" + str(i), rng.randrange(days // 4, days))
              for i in range(20)]
    os.makedirs(outdir, exist_ok=True)
    start = datetime.date(2021, 1, 1)
    n = 0
    for d in range(days):
        day = start + datetime.timedelta(days=d)
        with open(os.path.join(outdir, day.isoformat() + ".jsonl"), "w") as f:
            for _ in range(per_day):
                t = rng.choices(vocab, cum_weights=cum, k=nwords + 8)
                for name, since in events:
                    if d >= since and rng.random() < min(0.002 * (d - since + 1), 0.05):
                        t[rng.randrange(nwords)] = name
                n += 1
                f.write(json.dumps({
                    "date": day.isoformat(), "id": "s%08d" % n,
                    "title": " ".join(t[:8]).capitalize(),
                    "abstract": " ".join(t[8:]) + "."}) + "\n")


if __name__ == "__main__":
    main()
