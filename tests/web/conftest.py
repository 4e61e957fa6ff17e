"""The web app for tests: served for real by uvicorn on 127.0.0.1, driven by Debian's Chromium.

`app_url` is the address of a live server (one per test session); `person` is a Playwright page
already holding the session cookie. Chromium is the system's (`/usr/bin/chromium`, installed by
`.ci/run` from Debian's packages): Playwright's own browser download is never used.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page

from triggermap.web.app import create_app
from triggermap.web.settings import WebSettings

CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "test-access-token-0123456789"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def records_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A records database of the tests' own (never the user's), one per test session."""
    return f"sqlite:///{tmp_path_factory.mktemp('web-records') / 'records.db'}"


@pytest.fixture(scope="session")
def web_app(records_db: str) -> FastAPI:
    settings = WebSettings(token=TOKEN, port=0, extra_hosts=("testserver",), db_url=records_db)
    return create_app(settings)


@pytest.fixture(scope="session")
def app_url(records_db: str) -> Iterator[str]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]
    app = create_app(WebSettings(token=TOKEN, port=port, db_url=records_db))
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    listener.close()


@pytest.fixture
def desktop(browser: Browser, app_url: str) -> Iterator[Page]:
    """A page at desktop size, signed in with the access token."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{app_url}/?token={TOKEN}")
    yield page
    context.close()


@pytest.fixture
def phone(browser: Browser, app_url: str) -> Iterator[Page]:
    """A page at 390 x 844 with touch, signed in with the access token."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{app_url}/?token={TOKEN}")
    yield page
    context.close()


@pytest.fixture
def person(page: Page, app_url: str) -> Page:
    """A page signed in with the access token, as after opening the address `serve` prints."""
    page.goto(f"{app_url}/?token={TOKEN}")
    return page


@pytest.fixture
def client(web_app: FastAPI) -> Iterator[TestClient]:
    """An in-process client with the session cookie (fast; for the many-requests tests)."""
    with TestClient(web_app, raise_server_exceptions=False) as test_client:
        test_client.get(f"/?token={TOKEN}", follow_redirects=False)
        yield test_client


def warning_fields(app: FastAPI) -> list[str]:
    """The fields of the warning-sign page (`symptom:fever`, ...), in the page's order."""
    return [q.id for q in app.state.layout.on_page("warning")]


def csrf_of(client: TestClient) -> str:
    """The session's CSRF token, as a form on the first intake page carries it."""
    page = client.get("/intake").text
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def post_form(client: TestClient, url: str, items: list[tuple[str, str]]) -> Any:
    """Post fields in order, repeats kept (as a browser posts a form)."""
    from urllib.parse import urlencode

    body = urlencode(items)
    return client.post(
        url, content=body, headers={"content-type": "application/x-www-form-urlencoded"}
    )
