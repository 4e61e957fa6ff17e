"""Databases for the storage tests: a fresh SQLite file, and PostgreSQL when
TRIGGERMAP_TEST_POSTGRES_URL names a server (each test gets a schema of its own)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

POSTGRES_ENV = "TRIGGERMAP_TEST_POSTGRES_URL"


@pytest.fixture
def sqlite_url(tmp_path: object) -> Iterator[str]:
    from triggermap.store.opening import close_stores

    yield f"sqlite:///{tmp_path}/records.db"
    close_stores()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from triggermap.store.opening import close_stores

    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        close_stores()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on SQLite and, when configured, on PostgreSQL."""
    return str(request.getfixturevalue(f"{request.param}_url"))
