#!/usr/bin/env python3
"""A local HTTP server for the daemon's tests, misbehaving on purpose.

usage: httpd.py DIR PORTFILE [LOGFILE]
Serves on 127.0.0.1-16 (one free port; "PORT HOSTS" written to PORTFILE)
and, with LOGFILE, logs one line a request there:
"PATH IF-NONE-MATCH IF-MODIFIED-SINCE USER-AGENT".

  /files/NAME     DIR/NAME with ETag "v1" and Last-Modified; 304 on a match
  /etag/NAME      DIR/NAME with a new ETag every time
  /status/N       status N with a short body
  /retry          429 with Retry-After: 120
  /slow           headers, then nothing for 10 s
  /loop           a redirect to itself
  /truncated      Content-Length 100000 but 100 bytes, then close
  /gzip/NAME      DIR/NAME gzip-encoded (Content-Encoding: gzip)
  /wrongtype/NAME DIR/NAME as image/png
  /huge           50 MB of JSON lines
  /bomb           1 MB of gzip that inflates to 1 GB
  /flaky/NAME     500 the first time, then DIR/NAME
  /to-file        a redirect to file:///etc/passwd (never to be followed)
  /NAME.gzenc     DIR/NAME.gzenc, already gzip, sent with Content-Encoding
  anything else   the file under DIR, typed by its extension

POST (alert webhooks; logged as "POST PATH CONTENT-TYPE", bodies one a
line in LOGFILE.bodies):
  /hook/ok        200
  /hook/500       500, always
  /hook/flaky/X   500 twice, then 200
  /hook/slow      nothing for 10 s, then 200
"""
import gzip
import io
import os
import sys
import threading
import time
import zlib
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from serve import serve_until_killed

DIR, PORTFILE = sys.argv[1], sys.argv[2]
LOGFILE = sys.argv[3] if len(sys.argv) > 3 else None
LOCK = threading.Lock()
COUNT = {"etag": 0, "flaky": set(), "hook": {}}
LASTMOD = "Fri, 14 Mar 2025 00:00:00 GMT"


def bomb():
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    out = io.BytesIO()
    for _ in range(1024):
        out.write(z.compress(chunk))
    out.write(z.flush())
    return out.getvalue()


BOMB = None


class Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = dict(SimpleHTTPRequestHandler.extensions_map,
                          **{".rss": "application/rss+xml",
                             ".atom": "application/atom+xml",
                             ".json": "application/json",
                             ".jsonl": "application/x-ndjson"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=DIR, **kwargs)

    def log_message(self, fmt, *args):
        pass

    def send_body(self, body, status=200, ctype="application/octet-stream",
                  headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def read(self, name):
        with open(os.path.join(DIR, os.path.basename(name)), "rb") as f:
            return f.read()

    def do_GET(self):
        global BOMB
        if LOGFILE:
            with LOCK, open(LOGFILE, "a") as log:
                log.write("%s %s %s %s\n" % (
                    self.path, self.headers.get("If-None-Match", "-"),
                    (self.headers.get("If-Modified-Since") or "-").replace(" ", "_"),
                    (self.headers.get("User-Agent") or "-").replace(" ", "_")))
        p = self.path
        if p.startswith("/files/"):
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_body(self.read(p[7:]), headers={
                "ETag": '"v1"', "Last-Modified": LASTMOD})
        elif p.startswith("/etag/"):
            with LOCK:
                COUNT["etag"] += 1
                tag = '"e%d"' % COUNT["etag"]
            self.send_body(self.read(p[6:]), headers={"ETag": tag})
        elif p.startswith("/status/"):
            self.send_body(b"nope\n", status=int(p[8:]), ctype="text/plain")
        elif p == "/retry":
            self.send_body(b"slow down\n", status=429, ctype="text/plain",
                           headers={"Retry-After": "120"})
        elif p == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            time.sleep(10)
        elif p.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif p == "/truncated":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'{"date":"2025-01-01","title":"x"}\n' * 3)
            self.wfile.flush()
            self.close_connection = True
        elif p.startswith("/gzip/"):
            self.send_body(gzip.compress(self.read(p[6:])),
                           headers={"Content-Encoding": "gzip"})
        elif p.startswith("/wrongtype/"):
            self.send_body(self.read(p[11:]), ctype="image/png")
        elif p == "/huge":
            line = b'{"date":"2025-01-01","title":"%s"}\n' % (b"a" * 100)
            self.send_body(line * (50 * 1024 * 1024 // len(line)))
        elif p == "/bomb":
            with LOCK:
                if BOMB is None:
                    BOMB = bomb()
            self.send_body(BOMB, headers={"Content-Encoding": "gzip"})
        elif p.startswith("/flaky/"):
            with LOCK:
                first = p not in COUNT["flaky"]
                COUNT["flaky"].add(p)
            if first:
                self.send_body(b"oops\n", status=500, ctype="text/plain")
            else:
                self.send_body(self.read(p[7:]))
        elif p == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif p.endswith(".gzenc"):
            self.send_body(self.read(p), ctype="application/rss+xml",
                           headers={"Content-Encoding": "gzip"})
        else:
            super().do_GET()

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n)
        p = self.path
        with LOCK:
            if LOGFILE:
                with open(LOGFILE, "a") as log:
                    log.write("POST %s %s\n" % (p, self.headers.get("Content-Type", "-")))
                with open(LOGFILE + ".bodies", "ab") as f:
                    f.write(body.replace(b"\n", b" ") + b"\n")
            COUNT["hook"][p] = COUNT["hook"].get(p, 0) + 1
            seen = COUNT["hook"][p]
        if p == "/hook/ok" or (p.startswith("/hook/flaky/") and seen > 2):
            self.send_body(b"ok\n", ctype="text/plain")
        elif p == "/hook/slow":
            time.sleep(10)
            self.send_body(b"late\n", ctype="text/plain")
        elif p == "/hook/500" or p.startswith("/hook/flaky/"):
            self.send_body(b"oops\n", status=500, ctype="text/plain")
        else:
            self.send_body(b"not here\n", status=404, ctype="text/plain")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients hang up on purpose (caps, timeouts)


def main():
    # The same port on 127.0.0.1 to 127.0.0.16: sixteen "hosts", so that
    # the daemon's spacing of requests to one host does not slow tests.
    first = Server(("127.0.0.1", 0), Handler)
    port = first.server_address[1]
    servers = [first]
    for i in range(2, 17):
        try:
            servers.append(Server(("127.0.0.%d" % i, port), Handler))
        except OSError:
            break
    serve_until_killed(servers, PORTFILE, "%d %d" % (port, len(servers)))


if __name__ == "__main__":
    main()
