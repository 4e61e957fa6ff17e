"""Which database, without SQLAlchemy: `--db`, TRIGGERMAP_DATABASE_URL, else the SQLite file in
the data directory; the existing file a plain SQLite URL names; the newest schema revision.

Shared by `store.engine` (the SQLAlchemy engine) and `store.sqlite_records` (the records over
the standard library's sqlite3, which a records command uses when the file's schema is current,
so it does not import SQLAlchemy; issue 11).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "TRIGGERMAP_DATABASE_URL"
HEAD_REVISION = "0004"  # the newest schema revision (tests check it is the head of migrations/)
SQLITE_PREFIX = "sqlite:///"


def resolve_db_url(cli_value: str | None) -> str:
    """`--db` first, then TRIGGERMAP_DATABASE_URL, then the SQLite file in the data dir.

    A value without `://` is taken as the path of an SQLite file.
    """
    value = cli_value or os.environ.get(ENV_VAR) or ""
    if not value.strip():
        return f"sqlite:///{default_sqlite_path()}"
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().absolute()}"
    return value


def default_sqlite_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("triggermap", appauthor=False)) / "triggermap.db"


def plain_sqlite_file(url: str) -> Path | None:
    """The existing file a plain `sqlite:///PATH` URL names (no query, no escapes, printable),
    else None: anything else is read by SQLAlchemy's URL parser, with its checks and words."""
    if not url.startswith(SQLITE_PREFIX):
        return None
    rest = url[len(SQLITE_PREFIX) :]
    if not rest or not rest.isprintable() or any(c in rest for c in "?#%\\"):
        return None
    if rest == ":memory:":
        return None
    path = Path(rest)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
    except (OSError, ValueError):
        return None
    return path
