#!/usr/bin/python3
"""A stand-in for systemd's notify socket: binds a datagram socket (a path, or '@name' for an abstract
one), prints each sd_notify message as one line 'elapsed-seconds KEY=VALUE KEY=VALUE', flushed, and
exits when a message contains READY=1 (--until-ready) or after --seconds. Standard library only."""
import argparse, socket, sys, time

p = argparse.ArgumentParser()
p.add_argument("address")
p.add_argument("--seconds", type=float, default=120)
p.add_argument("--until", default=None, help="exit after the first message containing this assignment, e.g. READY=1")
a = p.parse_args()

s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("\0" + a.address[1:] if a.address.startswith("@") else a.address)
start = time.monotonic()
deadline = start + a.seconds
while True:
    left = deadline - time.monotonic()
    if left <= 0:
        sys.exit(1)
    s.settimeout(left)
    try:
        data = s.recv(65536)
    except socket.timeout:
        sys.exit(1)
    fields = data.decode("utf-8", "replace").split("\n")
    print(f"{time.monotonic() - start:7.3f} " + " | ".join(f for f in fields if f), flush=True)
    if a.until and a.until in fields:
        sys.exit(0)
