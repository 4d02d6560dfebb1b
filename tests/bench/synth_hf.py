#!/usr/bin/python3
"""Write a synthetic JSONL digest archive whose words follow the real
frequencies of the HF archive: every title and abstract word is drawn from
the HF archive's own vocabulary (its words as written, weighted by their
counts), titles and abstracts as long as randomly chosen HF ones.
Deterministic for a seed (numpy's PCG64). Papers are spread evenly over
DAYS days from START; with --split N the archive is written as one file
per N consecutive days (OUTDIR/NNNN.jsonl) instead of to one file.

usage: synth_hf.py HF.jsonl[.xz] OUT DOCS DAYS [--start YYYY-MM-DD]
                   [--seed S] [--split N] [--prefix P]
"""
import argparse
import collections
import datetime
import json
import lzma
import os

import numpy


def vocabulary(path):
    """The HF archive's words with their counts, and its title and
    abstract lengths in words."""
    opener = lzma.open if path.endswith(".xz") else open
    counts = collections.Counter()
    tlen, alen = [], []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            t = (rec.get("title") or "").split()
            a = (rec.get("abstract") or "").split()
            counts.update(t)
            counts.update(a)
            tlen.append(len(t))
            alen.append(len(a))
    words = sorted(counts, key=lambda w: (-counts[w], w))
    weights = numpy.array([counts[w] for w in words], dtype=float)
    return words, weights / weights.sum(), numpy.array(tlen), \
        numpy.array(alen)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("hf")
    p.add_argument("out")
    p.add_argument("docs", type=int)
    p.add_argument("days", type=int)
    p.add_argument("--start", default="2019-01-01")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--split", type=int, default=0)
    p.add_argument("--prefix", default="syn")
    a = p.parse_args()
    words, prob, tlen, alen = vocabulary(a.hf)
    words = numpy.array(words, dtype=object)
    rng = numpy.random.default_rng(a.seed)
    start = datetime.date.fromisoformat(a.start)
    if a.split:
        os.makedirs(a.out, exist_ok=True)
    f = None if a.split else open(a.out, "w", encoding="utf-8")
    batch = 4096
    n = 0
    part = -1
    while n < a.docs:
        k = min(batch, a.docs - n)
        ti = rng.integers(0, len(tlen), k)
        ai = rng.integers(0, len(alen), k)
        lt, la = tlen[ti], alen[ai]
        draw = words[rng.choice(len(words), int(lt.sum() + la.sum()),
                                p=prob)]
        off = 0
        for j in range(k):
            doc = n + j
            d = doc * a.days // a.docs
            if a.split and d // a.split != part:
                if f is not None:
                    f.close()
                part = d // a.split
                f = open(os.path.join(a.out, "%04d.jsonl" % part), "w",
                         encoding="utf-8")
            t = " ".join(draw[off:off + lt[j]])
            off += lt[j]
            b = " ".join(draw[off:off + la[j]])
            off += la[j]
            f.write(json.dumps({
                "date": (start + datetime.timedelta(days=d)).isoformat(),
                "id": "%s%09d" % (a.prefix, doc), "title": t,
                "abstract": b}) + "\n")
        n += k
    f.close()


if __name__ == "__main__":
    main()
