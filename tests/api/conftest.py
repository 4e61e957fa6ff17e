"""The API as a program meets it: the whole web app (its gate included) on a real database,
SQLite and, when TRIGGERMAP_TEST_POSTGRES_URL is set, PostgreSQL; requests through
Starlette's TestClient with the access token as a bearer header."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from tests.integration.conftest import db_url, postgres_url, sqlite_url
from triggermap.web.app import create_app
from triggermap.web.settings import WebSettings

TOKEN = "api-test-token-0123456789"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
Client = Callable[..., TestClient]

__all__ = ["db_url", "postgres_url", "sqlite_url"]


def client_for(url: str, token: str = TOKEN) -> TestClient:
    settings = WebSettings(token=token, port=0, extra_hosts=("testserver",), db_url=url)
    return TestClient(create_app(settings), raise_server_exceptions=True)


@pytest.fixture
def api(db_url: str) -> Iterator[TestClient]:
    """The app on a fresh database of each kind; requests carry no token unless given."""
    with client_for(db_url) as client:
        yield client


@pytest.fixture
def api_sqlite(sqlite_url: str) -> Iterator[TestClient]:
    with client_for(sqlite_url) as client:
        yield client
