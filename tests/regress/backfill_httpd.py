#!/usr/bin/env python3
"""A loopback Hugging Face Daily Papers API for topic backfill's tests.

usage: backfill_httpd.py SAMPLE PORTFILE LOGFILE
Serves /api/daily_papers?date=YYYY-MM-DD on 127.0.0.1 (a free port,
written to PORTFILE): the papers of SAMPLE (a Daily Papers answer) with
ids and titles of that day, so that every day brings new papers whose
titles carry the day's word (WORDS below, by day of the month). Logs one
line a request to LOGFILE once answered: "DATE STATUS USER-AGENT", and
its DATE to LOGFILE.arrived as soon as it arrives.

Days that misbehave (by date):
  2025-03-04  500 the first time, then the papers
  2025-03-05  429 with Retry-After: 1 the first time, then the papers
  2025-03-06  the papers after 2 s (and 2025-02-03 likewise, every time)
  2025-03-07  404, always
  2025-03-08  [] (a day without papers)
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from serve import serve_until_killed

SAMPLE, PORTFILE, LOGFILE = sys.argv[1], sys.argv[2], sys.argv[3]
LOCK = threading.Lock()
SEEN = {}
WORDS = ["apricot", "banana", "cherry", "damson", "elder", "feijoa", "grape",
         "hazel", "iris", "juniper", "kiwi", "lemon", "mango", "nectar",
         "olive", "papaya", "quince", "raisin", "sloe", "tamarind", "ugli",
         "vanilla", "walnut", "xigua", "yuzu", "zest", "acorn", "beech",
         "cedar", "dogwood", "elm"]
with open(SAMPLE) as f:
    PAPERS = json.load(f)


def papers(date):
    """The sample's papers as published on date."""
    y, m, d = (int(x) for x in date.split("-"))
    word = WORDS[d - 1]
    out = []
    for i, p in enumerate(PAPERS):
        p = json.loads(json.dumps(p))
        pid = "%02d%02d.%05d" % (y % 100, m, d * 10 + i)
        title = "%s %s" % (p["title"], word)
        p["paper"]["id"] = pid
        p["paper"]["title"] = p["title"] = title
        p["paper"]["publishedAt"] = p["publishedAt"] = date + "T12:00:00.000Z"
        out.append(p)
    return json.dumps(out).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)
        with LOCK, open(LOGFILE, "a") as log:
            log.write("%s %d %s\n" % (
                self.date, status,
                (self.headers.get("User-Agent") or "-").replace(" ", "_")))

    def do_GET(self):
        url = urlparse(self.path)
        self.date = parse_qs(url.query).get("date", ["-"])[0]
        with LOCK:
            with open(LOGFILE + ".arrived", "a") as log:
                log.write(self.date + "\n")
            SEEN[self.date] = SEEN.get(self.date, 0) + 1
            first = SEEN[self.date] == 1
        if url.path != "/api/daily_papers" or len(self.date) != 10:
            self.send(404, b'{"error":"not found"}')
        elif self.date == "2025-03-04" and first:
            self.send(500, b'{"error":"oops"}')
        elif self.date == "2025-03-05" and first:
            self.send(429, b'{"error":"slow down"}', {"Retry-After": "1"})
        elif self.date == "2025-03-07":
            self.send(404, b'{"error":"no such day"}')
        elif self.date == "2025-03-08":
            self.send(200, b"[]")
        else:
            if self.date in ("2025-03-06", "2025-02-03"):
                time.sleep(2)
            self.send(200, papers(self.date))


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    serve_until_killed([srv], PORTFILE, "%d" % srv.server_address[1])


if __name__ == "__main__":
    main()
