"""Benchmark the web app: requests per second and p95 latency of the results page and of
POST /assess, against a bare route of the same app (`GET /ping`) in the same run; and the size
of each page's HTML.

The app runs as `triggermap serve` in its own process (one uvicorn worker, as a person runs
it); the load comes from this process, a few keep-alive connections in parallel, each request
waiting for its answer. Prints figures and the machine's load before and after; never asserts.
Targets (issue 12): the results page and `POST /assess` at least 50 % of the bare route's
requests per second; every page under 100 KB.

What is measured is what the issue names: the results page is `GET /results/{id}` of a draft
made once before the run (the page a person sees, and sees again on Reload); `POST /assess` is
a case as JSON with the access token as a bearer header (a script). The intake's last post (its
303, then that GET) is printed too, for information: it is two requests, not a target.

    .venv/bin/python bench/web.py [--seconds 5] [--connections 4] [--rounds 1]

On a shared machine give a few rounds: the load of other work moves every figure, and the
rounds' best and median shares say more than one run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-access-token-0123456789"
DEMO = (ROOT / "examples" / "demo-case.json").read_bytes()
SESSION = "triggermap_session"  # the session cookie's name (web.security)
Request = Callable[["Connection", str], int]  # one measured request (or two) -> last status


@contextmanager
def served() -> Iterator[tuple[str, int]]:
    """`triggermap serve` on a free port, over a records database of its own in a temporary
    folder; its address (the first line it prints) and its process id."""
    folder = tempfile.TemporaryDirectory(prefix="triggermap-bench-")
    env = {**os.environ, "TRIGGERMAP_WEB_TOKEN": TOKEN}
    db = f"sqlite:///{Path(folder.name) / 'records.db'}"
    command = [sys.executable, "-m", "triggermap", "serve", "--no-browser", "--port", "0"]
    command += ["--db", db]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline().strip()
        yield first.split("/?token=")[0], process.pid
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
        folder.cleanup()


def signed_in(base: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, follow_redirects=True)  # as a browser: 303, then GET
    client.get(f"/?token={TOKEN}")
    page = client.get("/intake").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "no CSRF token on the intake page"
    return client, found.group(1)


def intake_form(base: str) -> list[tuple[str, str]]:
    client, _ = signed_in(base)
    page = client.get("/intake").text
    flags = sorted(set(re.findall(r'name="(symptom:[a-z_]+)"', page)))
    answers = [(name, "no") for name in flags]
    answers += [("pain.regions", "mid_buttock"), ("pain.regions", "posterior_thigh")]
    answers += [("side", "right"), ("pain.intensity", "6"), ("duration_weeks", "3")]
    return [*answers, ("symptom:worse_sitting", "yes")]


def results_address(base: str, form: list[tuple[str, str]]) -> str:
    """The intake's answers posted once: the address of their results page (a draft)."""
    client, csrf = signed_in(base)
    body = urlencode([("csrf_token", csrf), *form])
    kind = {"content-type": "application/x-www-form-urlencoded"}
    response = client.post("/results", content=body, headers=kind, follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    return response.headers["location"]


class Connection:
    """One keep-alive HTTP/1.1 connection, spoken by hand: a request's bytes out, the status,
    headers and body back. A load generator this thin costs the machine far less per request
    than an HTTP library (whose cost grows with the page), so the figures are the app's."""

    def __init__(self, base: str, cookie: str) -> None:
        address = urlsplit(base)
        host, port = address.hostname or "127.0.0.1", address.port or 80
        self.socket = socket.create_connection((host, port))
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.head = f"Host: {host}:{port}\r\nCookie: {cookie}\r\n"
        self.buffer = b""

    def request(
        self, method: str, path: str, headers: str = "", body: bytes = b""
    ) -> tuple[int, dict[str, str], bytes]:
        length = f"Content-Length: {len(body)}\r\n" if body or method == "POST" else ""
        line = f"{method} {path} HTTP/1.1\r\n{self.head}{headers}{length}\r\n"
        self.socket.sendall(line.encode() + body)
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self._recv()
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        fields = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines)}
        size = int(fields["content-length"])  # the app's pages are never chunked
        while len(self.buffer) < size:
            self.buffer += self._recv()
        content, self.buffer = self.buffer[:size], self.buffer[size:]
        return int(status_line.split()[1]), fields, content

    def _recv(self) -> bytes:
        data = self.socket.recv(262_144)
        if not data:
            raise ConnectionError("the server closed the connection")
        return data

    def close(self) -> None:
        self.socket.close()


def requests(base: str) -> dict[str, Request]:
    form = intake_form(base)
    page = results_address(base, form)
    bearer = f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n"
    kind = "Content-Type: application/x-www-form-urlencoded\r\n"

    def intake_post(connection: Connection, csrf: str) -> int:
        body = urlencode([("csrf_token", csrf), *form]).encode()
        status, fields, _ = connection.request("POST", "/results", kind, body)
        assert status == 303, status
        return connection.request("GET", fields["location"])[0]

    return {
        "GET /ping (bare route)": lambda c, _: c.request("GET", "/ping")[0],
        RESULTS: lambda c, _: c.request("GET", page)[0],
        "POST /assess (JSON case, bearer)": lambda c, _: c.request("POST", "/assess", bearer, DEMO)[
            0
        ],
        INFORMATION: intake_post,
    }


INFORMATION = "POST /results, 303, GET (information)"
RESULTS = "GET /results/{id} (results page)"


def load(
    base: str, request: Request, seconds: float, connections: int
) -> tuple[float, list[float], float]:
    """(requests per second, latencies in ms, this process's CPU ms per request) with
    `connections` clients for `seconds`."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker() -> None:
        client, csrf = signed_in(base)
        connection = Connection(base, f"{SESSION}={client.cookies[SESSION]}")
        client.close()
        mine: list[float] = []
        while time.perf_counter() < stop:
            start = time.perf_counter()
            status = request(connection, csrf)
            mine.append((time.perf_counter() - start) * 1000)
            assert status == 200, status
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    begun, cpu = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu_ms = (time.process_time() - cpu) * 1000 / max(len(latencies), 1)
    return len(latencies) / (time.perf_counter() - begun), latencies, cpu_ms


def page_sizes(base: str) -> dict[str, int]:
    client, csrf = signed_in(base)
    form = intake_form(base)
    kind = {"content-type": "application/x-www-form-urlencoded"}

    def post(url: str, items: list[tuple[str, str]]) -> str:
        return client.post(
            url, content=urlencode([("csrf_token", csrf), *items]), headers=kind
        ).text

    results = post("/results", form)
    case = re.search(r'name="case" value="([^"]+)"', results)
    assert case
    import html

    case_json = html.unescape(case.group(1))
    person = records_of_someone(client, csrf, case_json)
    return {
        "start": len(client.get("/").content),
        "warning signs": len(client.get("/intake").content),
        "where it hurts": len(post("/intake", [("step", "warning"), *form])),
        "about the pain": len(post("/intake", [("step", "where"), *form])),
        "check answers": len(post("/intake", [("step", "about"), *form])),
        "results": len(results.encode()),
        "care plan": len(post("/plan", [("case", case_json)]).encode()),
        "clinician's exam": len(client.get("/exam").content),
        "records": len(client.get("/people").content),
        "a person": len(client.get(f"/people/{person}").content),
        "diary entry form": len(client.get(f"/people/{person}/diary/new").content),
        "diary": len(client.get(f"/people/{person}/diary").content),
        "progress": len(client.get(f"/people/{person}/progress").content),
        "a person's care plan": len(client.get(f"/people/{person}/plan").content),
        "today's exercises": len(client.get(f"/people/{person}/session").content),
        "knowledge base entry": len(client.get("/kb/muscles/piriformis").content),
        "results (demo case, JSON)": len(
            client.post(
                "/assess", content=DEMO, headers={"authorization": f"Bearer {TOKEN}"}
            ).content
        ),
    }


def records_of_someone(client: httpx.Client, csrf: str, case_json: str) -> str:
    """A person with the case saved and a week of diary entries; their label."""
    kind = {"content-type": "application/x-www-form-urlencoded"}

    def post(url: str, items: list[tuple[str, str]]) -> None:
        body = urlencode([("csrf_token", csrf), *items])
        response = client.post(url, content=body, headers=kind)
        assert response.status_code in (200, 303), response.text[:300]

    post("/people", [("label", "B-001")])
    post("/save", [("person", "B-001"), ("case", case_json)])
    today = date.today()
    for back in range(7, -1, -1):
        day = (today - timedelta(days=back)).isoformat()
        post("/people/B-001/diary", [("date", day), ("pain", str(3 + back % 4))])
    return "B-001"


@dataclass(frozen=True)
class Measured:
    """One route's figures in one round."""

    rate: float  # requests per second
    latencies: list[float]  # ms
    client_ms: float  # this process's CPU per request
    server_ms: float  # the server's CPU per request (user and system)
    system_ms: float  # of which system


def measure(base: str, pid: int, request: Request, seconds: float, connections: int) -> Measured:
    user, system = server_cpu(pid)
    rate, latencies, client_ms = load(base, request, seconds, connections)
    after, done = server_cpu(pid), max(len(latencies), 1)
    server_ms = (after[0] - user + after[1] - system) * 1000 / done
    return Measured(rate, latencies, client_ms, server_ms, (after[1] - system) * 1000 / done)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="every route once a round, the rounds one after another",
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    rounds: list[dict[str, Measured]] = []
    with served() as (base, pid):
        named = requests(base)
        for request in named.values():  # warm-up: templates compiled, caches filled
            load(base, request, 0.5, 1)
        for _ in range(args.rounds):
            # A results page of its own each round: the intake's posts of the round before
            # made more drafts than the app keeps, and the oldest went first.
            named = requests(base)
            load(base, named[RESULTS], 0.2, 1)  # drawn once and kept, as after the first view
            rounds.append(
                {
                    name: measure(base, pid, request, args.seconds, args.connections)
                    for name, request in named.items()
                }
            )
        sizes = page_sizes(base)
    print(
        f"web app, {args.connections} connections, {args.seconds:g} s each, "
        f"{args.rounds} round(s), one uvicorn worker"
    )
    print(f"  load average before {_load(load_before)}, after {_load(os.getloadavg())}")
    ceiling_name = next(iter(named))
    for number, figures in enumerate(rounds, 1):
        if len(rounds) > 1:
            print(f" round {number}")
        ceiling = figures[ceiling_name]
        for name, m in figures.items():
            p95 = statistics.quantiles(m.latencies, n=20)[-1]
            share = (
                f"{m.rate / ceiling.rate:4.0%} of the bare route" if name != ceiling_name else ""
            )
            cpu = (
                f"server CPU {m.server_ms:4.2f} ({m.system_ms:4.2f} sys), client {m.client_ms:4.2f}"
            )
            print(f"  {name:38} {m.rate:6.0f} req/s  p95 {p95:5.1f} ms  {cpu} ms/req  {share}")
    shares = {
        name: [round(figures[name].rate / figures[ceiling_name].rate, 2) for figures in rounds]
        for name in named
        if name != ceiling_name
    }
    # The share if the server alone set the pace: the bare route's server CPU per request over
    # the route's (the load generator shares the machine's cores and is not counted).
    cpu_shares = {
        name: [
            round(figures[ceiling_name].server_ms / figures[name].server_ms, 2)
            for figures in rounds
        ]
        for name in shares
    }
    if len(rounds) > 1:
        print("share of the bare route's requests per second, best and median of the rounds:")
        for name, values in shares.items():
            print(f"  {name:38} {max(values):4.0%} {statistics.median(values):4.0%}")
    print("page sizes (HTML):")
    for name, size in sizes.items():
        print(f"  {name:38} {size / 1000:6.1f} KB {'' if size < 100_000 else '  OVER 100 KB'}")
    ceiling_rps = [round(figures[ceiling_name].rate) for figures in rounds]
    print(
        json.dumps({"ceiling_rps": ceiling_rps, "shares": shares, "server_cpu_shares": cpu_shares})
    )


def server_cpu(pid: int) -> tuple[float, float]:
    """Seconds of CPU the server process has used (user, system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def _load(averages: tuple[float, float, float]) -> str:
    return " ".join(f"{a:.2f}" for a in averages) + f" ({os.cpu_count()} cores)"


if __name__ == "__main__":
    main()
