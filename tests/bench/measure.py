#!/usr/bin/env python3
"""Run a command and print its wall time and peak resident memory.

usage: measure.py COMMAND [ARG...]
prints: seconds=S peak_rss_mib=M (the command's own output goes to stderr)
"""
import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    t0 = time.perf_counter()
    rc = subprocess.call(sys.argv[1:], stdout=sys.stderr)
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    print(f"seconds={dt:.3f} peak_rss_mib={rss:.1f}")
    sys.exit(rc)


if __name__ == "__main__":
    main()
