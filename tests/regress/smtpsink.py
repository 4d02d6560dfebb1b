#!/usr/bin/env python3
"""A local SMTP sink for the alert tests: just enough SMTP to take mail.

usage: smtpsink.py PORTFILE OUTDIR
Listens on 127.0.0.1 (a free port, written to PORTFILE), answers EHLO,
HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT, and writes each message to
OUTDIR/mail-N.eml, headed by "X-Envelope-From:" and "X-Envelope-To:"
lines. Stops by itself after 10 minutes.
"""
import os
import socketserver
import sys
import threading

from serve import serve_until_killed

PORTFILE, OUTDIR = sys.argv[1], sys.argv[2]
LOCK = threading.Lock()
COUNT = [0]


class Handler(socketserver.StreamRequestHandler):
    def say(self, line):
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        sender, rcpts = "", []
        self.say("220 sink ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("utf-8", "replace").strip()
            verb = cmd[:4].upper()
            if verb == "EHLO":
                self.say("250-sink")
                self.say("250 8BITMIME")
            elif verb in ("HELO", "NOOP"):
                self.say("250 ok")
            elif verb == "RSET":
                sender, rcpts = "", []
                self.say("250 ok")
            elif verb == "MAIL":
                sender = cmd[10:].strip()
                self.say("250 ok")
            elif verb == "RCPT":
                rcpts.append(cmd[8:].strip())
                self.say("250 ok")
            elif verb == "DATA":
                self.say("354 go ahead")
                data = []
                while True:
                    l = self.rfile.readline()
                    if not l or l in (b".\r\n", b".\n"):
                        break
                    data.append(l[1:] if l.startswith(b"..") else l)
                with LOCK:
                    COUNT[0] += 1
                    path = os.path.join(OUTDIR, "mail-%d.eml" % COUNT[0])
                with open(path + ".tmp", "wb") as f:
                    f.write(("X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" %
                             (sender, " ".join(rcpts))).encode())
                    f.write(b"".join(data))
                os.rename(path + ".tmp", path)
                self.say("250 queued")
            elif verb == "QUIT":
                self.say("221 bye")
                return
            else:
                self.say("502 not here")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    server = Server(("127.0.0.1", 0), Handler)
    serve_until_killed([server], PORTFILE, "%d" % server.server_address[1])


if __name__ == "__main__":
    main()
