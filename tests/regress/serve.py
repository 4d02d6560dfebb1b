"""
What the loopback servers of the regression tests share: serve_until_killed
runs each server in a thread, writes the line that tells the test where they
listen to PORTFILE atomically, and stops by itself after ten minutes,
whatever happens to the test.
"""

import os
import threading
import time


def serve_until_killed(servers, portfile, line):
    """Serve every server in its own thread; write line to portfile."""
    for s in servers:
        s.daemon_threads = True
        threading.Thread(target=s.serve_forever, daemon=True).start()
    with open(portfile + ".tmp", "w") as f:
        f.write(line + "\n")
    os.rename(portfile + ".tmp", portfile)
    time.sleep(600)
