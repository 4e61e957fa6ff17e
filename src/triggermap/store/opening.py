"""The schema's version: open a store at the newest revision, migrating on first use.

Alembic migrations ship inside the package (`store/migrations/`). `open_store` checks the
revision with one query (Alembic is imported only when a migration must run). Migrating takes
the write lock first (`BEGIN IMMEDIATE` on SQLite, an advisory lock on PostgreSQL), so two
processes that open a new database at the same moment migrate it once. On SQLite migrations run
with foreign keys off, because SQLite's table rebuilds (batch migrations) would otherwise
cascade deletes into the children of a rebuilt table.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from triggermap.errors import (
    NoDatabaseYetError,
    StorageError,
    UnusableDatabaseError,
    show_path,
    show_text,
)
from triggermap.store.engine import WRITE, create_store_engine, parse_db_url, resolve_db_url
from triggermap.store.transactions import storage_error
from triggermap.store.urls import HEAD_REVISION as HEAD_REVISION

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
PG_LOCK_KEY = 0x7472_6967  # "trig": the advisory lock that serialises migrations

_OPEN: dict[str, Engine] = {}


def store_for(db_url: str | None, *, create: bool = True) -> Engine:
    """The store for `--db` (None: TRIGGERMAP_DATABASE_URL, else the local SQLite file).

    `create=False` is for commands that only read: an SQLite file that does not exist is then
    an `UnusableDatabaseError` naming the path, and nothing is created (a mistyped --db must
    not look like an empty record)."""
    url = resolve_db_url(db_url)
    if not create and url not in _OPEN:
        missing = missing_sqlite_file(url)
        if missing is not None:
            raise NoDatabaseYetError(
                f"database: there is no database at {show_path(missing)} yet (nothing has been "
                "recorded there); start with: triggermap person add LABEL (or check --db or "
                "TRIGGERMAP_DATABASE_URL)"
            )
    return open_store(url)


def missing_sqlite_file(url: str) -> Path | None:
    """The path of an SQLite file URL whose file does not exist, else None."""
    parsed = parse_db_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(str(parsed.database))
    return None if path.exists() else path


def open_store(url: str) -> Engine:
    """An engine for `url` whose schema is at head; created and migrated on first use."""
    engine = _OPEN.get(url)
    if engine is None:
        check_sqlite_file(url)  # before any connection that could change the file
        engine = create_store_engine(url)
        try:
            revision = current_revision(engine)
            if revision is None and _has_tables(engine):
                engine.dispose()
                raise UnusableDatabaseError(
                    f"database {engine.url.render_as_string(hide_password=True)}: it holds "
                    "tables but is not a triggermap database; nothing was changed"
                )
            if revision != HEAD_REVISION:
                migrate(url, "head")
        except DBAPIError as exc:
            engine.dispose()
            error = storage_error(exc, engine)
            raise UnusableDatabaseError(error.message) from None
        _OPEN[url] = engine
    return engine


def check_sqlite_file(url: str) -> None:
    """Refuse, without changing a byte, an existing SQLite file that is not a database, belongs
    to another program, or has a schema newer than this triggermap (read-only look)."""
    import sqlite3

    parsed = parse_db_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    if parsed.database in (None, "", ":memory:"):
        raise UnusableDatabaseError(
            "--db: an in-memory database keeps nothing once the command ends; give a file path"
        )
    path = Path(str(parsed.database)).resolve()
    if not path.is_file() or path.stat().st_size == 0:
        if path.is_dir():
            raise UnusableDatabaseError(f"database {show_path(path)}: is a folder, not a file")
        return
    where = f"database {show_path(path)}"
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = None if row is None else str(row[0])
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return  # another process is writing: the store's own busy handling takes over
        raise UnusableDatabaseError(f"{where}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise UnusableDatabaseError(f"{where}: {exc}") from None
    if tables and "alembic_version" not in tables:
        raise UnusableDatabaseError(
            f"{where}: it holds tables but is not a triggermap database; nothing was changed"
        )
    if revision is not None and not any((MIGRATIONS_DIR / "versions").glob(f"{revision}_*.py")):
        raise UnusableDatabaseError(
            f"{where}: schema revision {show_text(revision)} is newer than this triggermap knows "
            f"(newest {HEAD_REVISION!r}); upgrade triggermap"
        )


def close_stores() -> None:
    """Dispose of every engine `open_store` made (tests, and processes that switch db)."""
    for engine in _OPEN.values():
        engine.dispose()
    _OPEN.clear()


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(inspect(connection).get_table_names())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return _revision(connection)


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


def migrate(url: str, revision: str, *, direction: str = "upgrade") -> None:
    """Upgrade (or downgrade) the database at `url` to `revision`, under the write lock."""
    from alembic import command

    engine = create_store_engine(url, foreign_keys=False)
    try:
        with engine.execution_options(**WRITE).begin() as connection:
            _lock(connection)
            current = _revision(connection)
            if direction == "upgrade" and revision == "head" and current == HEAD_REVISION:
                return
            _refuse_unknown(current)
            config = _config(connection)
            if direction == "upgrade":
                command.upgrade(config, revision)
            else:
                command.downgrade(config, revision)
            _check_foreign_keys(connection)
    except DBAPIError as exc:
        raise storage_error(exc, engine) from None
    finally:
        engine.dispose()


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})


def _refuse_unknown(current: str | None) -> None:
    if current is not None and not any((MIGRATIONS_DIR / "versions").glob(f"{current}_*.py")):
        raise UnusableDatabaseError(
            f"database: schema revision {show_text(current)} is newer than this triggermap knows "
            f"(newest {HEAD_REVISION!r}); upgrade triggermap"
        )


def _check_foreign_keys(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StorageError(f"database: migration left {len(broken)} broken reference(s)")


def _config(connection: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config
