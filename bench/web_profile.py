"""Profile the web app in this process: many requests straight into the ASGI app (no server, no
sockets), timed in rounds (this process's CPU time, so other work on a shared machine moves the
figures less; the best and median round are printed), then once more under cProfile; prints
each route's time per request and the functions that cost most. For finding overhead that is
not the engine (`bench/web.py` measures the app as served). `--route none` only times.

    .venv/bin/python bench/web_profile.py [--requests 300] [--rounds 5] [--top 25] [--route results]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from triggermap.web.app import create_app
from triggermap.web.drafts import Draft
from triggermap.web.settings import WebSettings

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-access-token-0123456789"
DEMO = (ROOT / "examples" / "demo-case.json").read_bytes()
Call = Callable[[], Awaitable[tuple[int, int]]]


def asgi_call(app: Any, method: str, path: str, body: bytes = b"", kind: bytes = b"") -> Call:
    """One request straight into the ASGI app, with the bearer token: (status, body bytes)."""
    headers = [
        (b"authorization", f"Bearer {TOKEN}".encode()),
        (b"host", b"127.0.0.1"),
        (b"content-length", str(len(body)).encode()),
    ]
    if kind:
        headers.append((b"content-type", kind))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8765),
    }

    async def one() -> tuple[int, int]:
        sent = False
        status, size = 0, 0

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            else:
                size += len(message.get("body", b""))

        await app(dict(scope), receive, send)
        return status, size

    return one


def calls(app: Any) -> dict[str, Call]:
    """(status, body bytes) of one request for each route measured."""
    from triggermap.services.plan import read_one_case

    case = read_one_case(app.state.application, text=DEMO.decode())
    key = app.state.drafts.put(Draft("case", case=case, extra="intake"))
    return {
        "ping": asgi_call(app, "GET", "/ping"),
        "results": asgi_call(app, "GET", f"/results/{key}"),
        "assess": asgi_call(app, "POST", "/assess", DEMO, b"application/json"),
    }


async def run(call: Call, n: int) -> float:
    """CPU seconds of this process per request over `n` requests."""
    status, _ = await call()
    assert status == 200, status
    start = time.process_time()
    for _ in range(n):
        await call()
    return (time.process_time() - start) / n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--route", default="", help="profile only this route (ping, results, ...)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds; the best is shown")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="triggermap-profile-")
    settings = WebSettings(token=TOKEN, db_url=f"sqlite:///{Path(folder.name) / 'r.db'}")
    app = create_app(settings)
    named = calls(app)
    loop = asyncio.new_event_loop()
    print(f"in process, CPU time, {args.requests} requests each, best and median of {args.rounds}")
    print(f"  load average {' '.join(f'{a:.2f}' for a in os.getloadavg())}")
    timed = {name: [] for name in named}  # rounds interleaved: a busy moment hits every route
    for _ in range(args.rounds):
        for name, call in named.items():
            timed[name].append(loop.run_until_complete(run(call, args.requests)))
    ping = min(timed["ping"])
    for name, call in named.items():
        best, middle = min(timed[name]), statistics.median(timed[name])
        _, size = loop.run_until_complete(call())
        print(
            f"  {name:10} {best * 1000:6.3f} ms/request (median {middle * 1000:6.3f})"
            f"  {1 / best:7.0f} req/s  {ping / best:5.0%} of ping  {size} B"
        )
    for name, call in named.items():
        if args.route and name != args.route:
            continue
        profile = cProfile.Profile()
        profile.enable()
        loop.run_until_complete(run(call, args.requests))
        profile.disable()
        print(f"\n== {name}: cumulative")
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
        print(f"\n== {name}: own time")
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    folder.cleanup()


if __name__ == "__main__":
    main()
