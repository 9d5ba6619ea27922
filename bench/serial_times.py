#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Timestamp a guest's serial log as it grows: bench/serial_times.py LOG OUT

Polls LOG (which may not exist yet) every 5 ms and writes to OUT each
complete line with the host's monotonic time in seconds when it was
first seen.  Stops after LOG has not grown for --idle seconds (default
20) once it existed.  Host-side timing is what a guest cannot give
across a kexec: the dying kernel's and the capture kernel's clocks both
start from their own boot.
"""
import argparse
import os
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("log")
    ap.add_argument("out")
    ap.add_argument("--idle", type=float, default=20.0)
    args = ap.parse_args()
    pos, buf, last = 0, b"", None
    with open(args.out, "w") as out:
        while True:
            now = time.monotonic()
            try:
                with open(args.log, "rb") as f:
                    f.seek(pos)
                    data = f.read()
            except FileNotFoundError:
                data = None
            if data:
                pos += len(data)
                buf += data
                last = now
                *lines, buf = buf.split(b"\n")
                for line in lines:
                    text = line.decode(errors="replace").rstrip("\r")
                    out.write(f"{now:.3f} {text}\n")
                out.flush()
            elif last is not None and now - last > args.idle:
                return
            time.sleep(0.005)


if __name__ == "__main__":
    main()
