#!/usr/bin/env python3
"""Write one arXiv-style RSS 2.0 feed of at least MB megabytes from a JSONL
digest archive (the HF archive): its papers in order, repeated under new
ids (2401.00001 -> 2401.00001.r2) until the feed is large enough. The big
feed of the memory benchmark. Usage:
    synth_feed.py ARCHIVE.jsonl[.xz] OUT.xml MB
"""
import json
import lzma
import sys
from xml.sax.saxutils import escape


def papers(path):
    """The archive's records with a title."""
    opener = lzma.open if path.endswith(".xz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                if rec.get("title"):
                    yield rec


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: synth_feed.py ARCHIVE.jsonl[.xz] OUT.xml MB")
    src, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
    recs = list(papers(src))
    limit = int(mb * 1024 * 1024)
    with open(out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<rss version="2.0" xmlns:arxiv="http://arxiv.org/schemas/atom"'
                ' xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
                '<title>cs.LG updates on arXiv.org</title>\n'
                '<link>http://rss.arxiv.org/rss/cs.LG</link>\n'
                '<pubDate>Mon, 03 Mar 2025 00:00:00 -0500</pubDate>\n')
        rounds = 0
        while f.tell() < limit:
            rounds += 1
            for rec in recs:
                pid = str(rec.get("id") or rec["title"][:20])
                if rounds > 1:
                    pid = f"{pid}.r{rounds}"
                f.write("<item>\n<title>%s</title>\n"
                        "<link>https://arxiv.org/abs/%s</link>\n"
                        "<description>arXiv:%sv1 Announce Type: new\n"
                        "Abstract: %s</description>\n"
                        "<guid isPermaLink=\"false\">oai:arXiv.org:%s</guid>\n"
                        "<arxiv:announce_type>new</arxiv:announce_type>\n"
                        "<dc:creator>%s</dc:creator>\n</item>\n" % (
                            escape(rec["title"]), escape(pid), escape(pid),
                            escape(rec.get("abstract") or ""), escape(pid),
                            escape(", ".join(rec.get("authors") or [])
                                   if isinstance(rec.get("authors"), list)
                                   else str(rec.get("authors") or ""))))
                if f.tell() >= limit:
                    break
        f.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
