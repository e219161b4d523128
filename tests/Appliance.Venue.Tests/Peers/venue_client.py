#!/usr/bin/python3
"""An independent market-data client (Debian's python3-websockets) for the venue tests. Run with /usr/bin/python3.

  venue_client.py URL COUNT [REQUEST_JSON]

Connects, sends REQUEST_JSON if given (e.g. a SUBSCRIBE), reads until COUNT market messages arrived, checks that
depth update ids run on (U = previous u + 1) and trade ids step by one per symbol, closes with 1000 and prints

  RESULT messages=N replies=R depth=D trades=T gaps=G first_reply=<json>
"""
import asyncio
import json
import sys

import websockets


async def main(url, count, request):
    messages = replies = depth = trades = gaps = 0
    first_reply = None
    last_u = {}
    last_t = {}
    async with websockets.connect(url, max_size=None, compression=None) as ws:
        if request:
            await ws.send(request)
        while messages < count:
            raw = await ws.recv()
            doc = json.loads(raw)
            if "id" in doc and ("result" in doc or "code" in doc):
                replies += 1
                if first_reply is None:
                    first_reply = raw
                continue
            data = doc.get("data", doc)
            messages += 1
            kind = data.get("e")
            if kind == "depthUpdate":
                depth += 1
                key = (doc.get("stream"), data["s"])
                if key in last_u and data["U"] != last_u[key] + 1:
                    gaps += 1
                last_u[key] = data["u"]
            elif kind == "trade":
                trades += 1
                if data["s"] in last_t and data["t"] != last_t[data["s"]] + 1:
                    gaps += 1
                last_t[data["s"]] = data["t"]
        await ws.close(1000)
    print(f"RESULT messages={messages} replies={replies} depth={depth} trades={trades} gaps={gaps} first_reply={first_reply}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None))
