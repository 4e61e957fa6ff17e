"""Which database: --db, then TRIGGERMAP_DATABASE_URL, then the file in the data directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from triggermap.errors import InputError
from triggermap.store.engine import (
    create_store_engine,
    default_sqlite_path,
    parse_db_url,
    resolve_db_url,
)


def test_cli_value_wins_then_environment_then_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIGGERMAP_DATABASE_URL", "sqlite:////tmp/env.db")
    assert resolve_db_url("sqlite:////tmp/cli.db") == "sqlite:////tmp/cli.db"
    assert resolve_db_url(None) == "sqlite:////tmp/env.db"
    monkeypatch.delenv("TRIGGERMAP_DATABASE_URL")
    assert resolve_db_url(None) == f"sqlite:///{default_sqlite_path()}"
    assert default_sqlite_path().name == "triggermap.db"


def test_a_plain_path_is_an_sqlite_file(tmp_path: Path) -> None:
    assert resolve_db_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"


def test_postgresql_means_psycopg_3() -> None:
    assert parse_db_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert parse_db_url("postgres://u:p@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "postgresql+psycopg2://u@h/db", "::nope"])
def test_other_databases_are_refused_in_one_line(url: str) -> None:
    with pytest.raises(InputError, match=r"^--db: "):
        parse_db_url(url)


def test_sqlite_settings(tmp_path: Path) -> None:
    engine = create_store_engine(f"sqlite:///{tmp_path / 'new' / 'x.db'}")  # folder made
    try:
        with engine.connect() as connection:
            pragma = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
    finally:
        engine.dispose()
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 60000,
    }
