#!/usr/bin/env python3
"""A bounded load on topicd's HTTP interface, from this machine only.

usage: http_load.py PORT PID [REQUESTS] [CONNECTIONS]   (10000, 50)

CONNECTIONS threads, each with one keep-alive connection to
127.0.0.1:PORT, share REQUESTS GETs over a fixed mix of endpoints; every
answer must be 200 with a body of the right type. Prints one line:
"requests N errors E seconds S rps R rss_before_kb A rss_after_kb B"
and the first few errors, then exits 0 (the caller judges the figures).
Stops by itself: a request that takes over 120 s counts as an error, and
the whole run gives up after 600 s (bounds for a loaded machine, not
targets: the caller judges errors, never the speed).
"""
import http.client
import sys
import threading
import time

PORT, PID = int(sys.argv[1]), int(sys.argv[2])
TOTAL = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
CONNS = int(sys.argv[4]) if len(sys.argv) > 4 else 50
MIX = [
    ("/healthz", b'"status":"ok"'),
    ("/api/sources", b'"sources":'),
    ("/api/series?term=agent&term=diffusion&by=week", b'"periods":'),
    ("/metrics", b"topicd_papers "),
    ("/api/alerts", b'"rules":'),
    ("/api/stats", b'"documents":'),
    ("/", b"<!DOCTYPE html>"),
    ("/api/series?term=LLM&by=month&from=2025-01-01", b'"periods":'),
]
lock = threading.Lock()
left = [TOTAL]
errors = []
deadline = time.time() + 600


def rss_kb():
    with open("/proc/%d/status" % PID) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def worker(k):
    conn = None
    i = k
    while time.time() < deadline:
        with lock:
            if left[0] == 0:
                break
            left[0] -= 1
        path, want = MIX[i % len(MIX)]
        i += 1
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", PORT,
                                                  timeout=120)
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
            if r.status != 200 or want not in body:
                raise RuntimeError("%s: %d %r" % (path, r.status,
                                                  body[:80]))
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except Exception as e:  # counted, never fatal
            with lock:
                errors.append("%s: %s" % (path, e))
            if conn is not None:
                conn.close()
            conn = None
    if conn is not None:
        conn.close()


before = rss_kb()
start = time.time()
threads = [threading.Thread(target=worker, args=(k,)) for k in range(CONNS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
secs = time.time() - start
after = rss_kb()
done = TOTAL - left[0]
print("requests %d errors %d seconds %.2f rps %.0f rss_before_kb %d "
      "rss_after_kb %d" % (done, len(errors), secs, done / secs, before,
                           after))
for e in errors[:5]:
    print("error:", e)
