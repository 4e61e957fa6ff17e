"""Where the records live and how to reach them: URL resolution and the engine factory.

The default is one SQLite file in the user's data directory, created on first use. SQLite runs
in WAL mode with `synchronous=FULL` (a commit that returned is on disk), foreign keys on (so
deleting a person erases everything about them) and a busy timeout; every write transaction
starts with `BEGIN IMMEDIATE`, so two processes writing at once queue for the lock instead of
failing half-way (see docs/adr/0004-storage.md). PostgreSQL works through psycopg 3.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from triggermap.errors import InputError, show_text
from triggermap.input_checks import check_one_line, check_storable
from triggermap.store.urls import ENV_VAR as ENV_VAR
from triggermap.store.urls import default_sqlite_path as default_sqlite_path
from triggermap.store.urls import resolve_db_url as resolve_db_url

BUSY_TIMEOUT_SECONDS = 60.0
WRITE = {"triggermap_begin": "IMMEDIATE"}  # execution options of a write transaction


def parse_db_url(url: str) -> URL:
    """The URL as SQLAlchemy reads it; `postgresql://` means psycopg 3."""
    check_storable(url, "--db")
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise InputError(f"--db: {show_text(url)} is not a database URL") from None
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise InputError(f"--db: port {parsed.port} is not in 1..65535")
    _check_host(parsed.host)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise InputError(
            f"--db: {show_text(parsed.drivername)} is not supported; use sqlite:///PATH or "
            "postgresql+psycopg://USER:PASSWORD@HOST/DB"
        )
    return parsed


def _check_host(host: str | None) -> None:
    """A host name the resolver can look up (letters of any script are fine, control
    characters and broken ones are not)."""
    if host is None:
        return
    try:
        check_one_line(host, "--db")
        host.encode("idna")
    except UnicodeError:
        raise InputError(f"--db: {show_text(host)} is not a host name") from None


def create_store_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """A new engine for `url`; SQLite gets its durability and locking settings here."""
    parsed = parse_db_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed, foreign_keys=foreign_keys)
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ValueError, TypeError) as exc:  # e.g. ?timeout=soon
        where = parsed.render_as_string(hide_password=True)
        raise InputError(f"--db: {show_text(where)} cannot be used: {exc}") from None


def _sqlite_engine(url: URL, *, foreign_keys: bool) -> Engine:
    in_memory = url.database in (None, "", ":memory:")
    if not in_memory:
        make_private_database(Path(str(url.database)))
    options: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_SECONDS}}
    if in_memory:
        options["poolclass"] = StaticPool
    engine = create_engine(url, **options)

    def configure(dbapi_connection: Any, _record: Any) -> None:
        _configure_sqlite(dbapi_connection, foreign_keys=foreign_keys)

    event.listen(engine, "connect", configure)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def make_private_database(path: Path) -> None:
    """Health data is the person's alone: the folder (made 0700 when missing; the default data
    folder tightened to 0700) and an empty database file 0600, before SQLite creates it with
    its own mode (0644). SQLite gives its WAL and journal files the database file's mode."""
    from triggermap.private_files import create_private_file, private_folder, tighten_folder

    private_folder(path.parent)
    if path.parent == default_sqlite_path().parent:
        tighten_folder(path.parent)
    create_private_file(path)


def _configure_sqlite(dbapi_connection: Any, *, foreign_keys: bool) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (_begin_sqlite)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA secure_delete = ON")  # an erased record leaves no bytes behind
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    finally:
        cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL (once; the mode is stored in the file). Switching needs a lock
    that SQLite does not wait for, so a process that opens a brand-new file while another one
    is creating it retries here instead of failing with "database is locked"."""
    import sqlite3

    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    pause = 0.005
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
            continue
        if mode is not None and str(mode[0]).lower() != "wal" and mode[0] != "memory":
            raise sqlite3.OperationalError(f"journal mode stayed {mode[0]!r}, not WAL")
        return


def _begin_sqlite(connection: Any) -> None:
    mode = connection.get_execution_options().get("triggermap_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")
