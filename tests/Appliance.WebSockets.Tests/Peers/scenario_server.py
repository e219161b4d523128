#!/usr/bin/python3
"""Scripted RFC 6455 server for conformance tests, built on Debian's python3-websockets (an independent
implementation). Run with /usr/bin/python3. Prints "PORT <n>" once listening, then one
"RESULT <path?query> key=value ..." line per finished scenario. The URL path picks the scenario:

  /messages?fragment=1   messages of many sizes (16- and 64-bit lengths), optionally split at odd sizes
  /pings                 a fragmented message with pings between its fragments; reports pongs received
  /close?code=N&reason=R server-initiated close; reports the code the client echoed
  /violation/<name>      raw bytes that break the protocol; reports the client's close code
  /echo                  echoes every message; reports count
  /stream?count=N&subscribe=1&size=S   (probe) optional wait for a subscribe message, then N JSON messages

Every message scenario ends with a text message "DIGESTS <json list of sha256 hex>" and a 1000 close, so the
client can compare what it received byte for byte. Compression is whatever the client negotiated
(permessage-deflate is on the server's side by default in websockets), so the same scenarios run
compressed when the client offers deflate.
"""
import asyncio
import hashlib
import json
import random
import sys
import urllib.parse

import websockets
from websockets.frames import OP_BINARY, OP_CONT, OP_TEXT

SPLITS = [1, 2, 3, 5, 7, 11, 125, 126, 127, 128, 1000, 4093, 65535, 65536, 65537]
SIZES = [0, 1, 2, 125, 126, 127, 1000, 65535, 65536, 65537, 200_000, 1_048_576]
TEXT_ALPHABET = "abcxyz{}\":,0123456789 é€𝄞"


def make_payload(rng, size, text):
    if not text:
        return rng.randbytes(size)
    out = bytearray()
    while len(out) < size:
        out += rng.choice(TEXT_ALPHABET).encode()
    # Trim on a character boundary so the message stays valid UTF-8.
    while len(out) > size:
        out = out[:-1]
        while out and (out[-1] & 0xC0) == 0x80:
            out = out[:-1]
        if out and out[-1] >= 0xC0:
            out = out[:-1]
    return bytes(out)


def split(data, rng):
    parts, pos = [], 0
    while pos < len(data):
        n = rng.choice(SPLITS)
        parts.append(data[pos:pos + n])
        pos += n
    return parts or [b""]


async def send_fragmented(ws, data, text, rng):
    parts = split(data, rng)
    for i, part in enumerate(parts):
        opcode = (OP_TEXT if text else OP_BINARY) if i == 0 else OP_CONT
        await ws.write_frame(i == len(parts) - 1, opcode, part)


async def finish(ws, digests):
    await ws.send("DIGESTS " + json.dumps(digests))
    await ws.close(1000, "done")


async def messages(ws, query):
    rng = random.Random(int(query.get("seed", "1")))
    fragment = query.get("fragment") == "1"
    digests = []
    for size in SIZES:
        for text in (True, False):
            data = make_payload(rng, size, text)
            digests.append(hashlib.sha256(data).hexdigest())
            if fragment:
                await send_fragmented(ws, data, text, rng)
            else:
                await ws.send(data.decode() if text else data)
    await finish(ws, digests)
    return f"sent={len(digests)}"


async def pings(ws, query):
    rng = random.Random(7)
    data = make_payload(rng, 5000, True)
    parts = [data[:1], data[1:1000], data[1000:4000], data[4000:]]
    waiters = []
    for i, part in enumerate(parts):
        await ws.write_frame(i == len(parts) - 1, OP_TEXT if i == 0 else OP_CONT, part)
        if i < len(parts) - 1:
            waiters.append(await ws.ping(f"ping-{i}".encode()))
    answered = 0
    for waiter in waiters:
        try:
            await asyncio.wait_for(waiter, 5)
            answered += 1
        except asyncio.TimeoutError:
            pass
    await finish(ws, [hashlib.sha256(data).hexdigest()])
    return f"pings={len(waiters)} answered={answered}"


async def close(ws, query):
    code = int(query.get("code", "1000"))
    await ws.close(code, query.get("reason", ""))
    return f"code={ws.close_code}"


VIOLATIONS = {
    "rsv2": bytes([0xA1, 0x02]) + b"hi",
    "rsv1-not-negotiated": bytes([0xC1, 0x02]) + b"hi",
    "opcode3": bytes([0x83, 0x00]),
    "opcode11": bytes([0x8B, 0x00]),
    "masked": bytes([0x81, 0x82, 1, 2, 3, 4, ord("h") ^ 1, ord("i") ^ 2]),
    "fragmented-ping": bytes([0x09, 0x00]),
    "long-ping": bytes([0x89, 0x7E, 0x00, 0x7E]) + b"x" * 126,
    "continuation-first": bytes([0x80, 0x01]) + b"x",
    "text-inside-fragmented": bytes([0x01, 0x01]) + b"a" + bytes([0x81, 0x01]) + b"b",
    "invalid-utf8": bytes([0x81, 0x02, 0xC3, 0x28]),
    "invalid-utf8-fragmented": bytes([0x01, 0x01, 0xE2, 0x80, 0x01, 0x28]),
    "close-one-byte": bytes([0x88, 0x01, 0x03]),
    "close-code-999": bytes([0x88, 0x02, 0x03, 0xE7]),
    "close-code-1005": bytes([0x88, 0x02, 0x03, 0xED]),
    "close-reason-invalid-utf8": bytes([0x88, 0x04, 0x03, 0xE8, 0xC3, 0x28]),
    "length-msb": bytes([0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0]),
    "too-big": bytes([0x82, 0x7E, 0x07, 0xD0]) + b"z" * 2000,
    "bad-deflate": bytes([0xC1, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
}


async def violation(ws, name):
    ws.transport.write(VIOLATIONS[name])
    try:
        await asyncio.wait_for(ws.wait_closed(), 5)
    except asyncio.TimeoutError:
        return "code=timeout"
    return f"code={ws.close_code}"


async def echo(ws, query):
    count = 0
    async for message in ws:
        await ws.send(message)
        count += 1
    return f"echoed={count}"


async def stream(ws, query):
    if query.get("subscribe") == "1":
        request = await ws.recv()
        await ws.send(json.dumps({"result": None, "id": 1, "echo": request}))
    count = int(query.get("count", "100"))
    size = int(query.get("size", "0"))
    for i in range(count):
        message = {"e": "trade", "E": 1700000000000 + i, "s": "BTCUSDT", "t": i, "p": "42000.10", "q": "0.001", "m": i % 2 == 0}
        if size:
            message["pad"] = "x" * size
        await ws.send(json.dumps(message, separators=(",", ":")))
    try:
        await asyncio.wait_for(ws.wait_closed(), 30)
    except asyncio.TimeoutError:
        pass
    return f"sent={count} code={ws.close_code}"


async def handler(ws, path=None):
    url = urllib.parse.urlparse(ws.path)
    query = dict(urllib.parse.parse_qsl(url.query))
    name = url.path
    try:
        if name == "/messages":
            result = await messages(ws, query)
        elif name == "/pings":
            result = await pings(ws, query)
        elif name == "/close":
            result = await close(ws, query)
        elif name.startswith("/violation/"):
            result = await violation(ws, name[len("/violation/"):])
        elif name == "/echo":
            result = await echo(ws, query)
        elif name == "/stream":
            result = await stream(ws, query)
        else:
            await ws.close(4404, "no such scenario")
            result = "unknown"
    except websockets.ConnectionClosed as e:
        result = f"closed code={e.rcvd.code if e.rcvd else 1006}"
    ext = ",".join(str(e) for e in ws.extensions) or "none"
    # The full path with its query: tests add a unique id so each finds its own connection's verdict.
    print(f"RESULT {ws.path} {result} extensions={ext.replace(' ', '')}", flush=True)


async def main():
    async with websockets.serve(handler, "127.0.0.1", 0, ping_interval=None, max_size=None, max_queue=None) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        # Exit when the test closes our stdin (or dies).
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)


if __name__ == "__main__":
    asyncio.run(main())
