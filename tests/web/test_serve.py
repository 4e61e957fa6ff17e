"""`triggermap serve` as a person or a script starts it."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request

TOKEN = "serve-test-token-0123456789"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "triggermap", "serve", "--no-browser", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)


def test_a_non_loopback_host_is_refused_with_one_line() -> None:
    result = run("--host", "0.0.0.0")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "triggermap: error: --host: 0.0.0.0 is not a loopback address; the app has no accounts "
        "yet, so it serves only this machine (127.0.0.1)"
    ]


def test_a_port_out_of_range_is_refused() -> None:
    result = run("--port", "70000")
    assert result.returncode == 2
    assert "--port: 70000 is not in 0..65535" in result.stderr


def test_the_first_line_is_the_address_with_the_token_and_it_serves() -> None:
    env = {**os.environ, "TRIGGERMAP_WEB_TOKEN": TOKEN}
    command = [sys.executable, "-m", "triggermap", "serve", "--no-browser", "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as process:
        _check_serving(process)


def _check_serving(process: subprocess.Popen[str]) -> None:
    try:
        assert process.stdout is not None
        first = process.stdout.readline().strip()
        assert first.startswith("http://127.0.0.1:") and first.endswith(f"/?token={TOKEN}")
        base = first.split("/?")[0]
        request = urllib.request.Request(
            f"{base}/ping", headers={"Authorization": f"Bearer {TOKEN}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.read() == b"ok"
    finally:
        process.terminate()
        process.wait(timeout=10)
