"""What several commands share: reading input, writing output, dates and the --db option.

Every failure is an `InputError` naming the option and the value, so the person sees one line.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from triggermap.errors import InputError

if TYPE_CHECKING:
    from triggermap.services.application import Application

DB_HELP = "Database URL or SQLite file (default: TRIGGERMAP_DATABASE_URL, else a local file)."
PERSON_HELP = "The person's label or id (see triggermap person list)."


def read_input(path: str, option: str = "--input") -> str:
    """The text of a file, or of stdin for `-`: UTF-8 only, the same check for both."""
    from triggermap.strict_json import decode_text

    if path == "-":
        return _not_empty(decode_text(sys.stdin.buffer.read(), option), option, "stdin")
    try:
        return _not_empty(decode_text(Path(path).read_bytes(), option), option, repr(path))
    except FileNotFoundError:
        raise InputError(f"{option}: no such file {path!r}") from None
    except IsADirectoryError:
        raise InputError(f"{option}: {path!r} is a folder, not a file") from None
    except OSError as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"{option}: cannot read {path!r}: {reason}") from None


def _not_empty(text: str, option: str, where: str) -> str:
    if not text.strip():
        raise InputError(f"{option}: {where} is empty (there is nothing in it to read)")
    return text


def write_output(path: Path, data: str | bytes, option: str = "--output") -> None:
    """Write a whole file, or explain in one line why it cannot be written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.write_bytes(payload)
    except OSError as exc:
        raise InputError(f"{option}: cannot write {str(path)!r}: {exc.strerror}") from None


def check_writable(path: Path, option: str = "--output") -> None:
    """Fail before doing any work when the output's folder does not exist."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{option}: folder {str(folder)!r} does not exist")


def application(db: str | None) -> Application:
    """The application for one command: the records at `--db`, the system clock and zone."""
    from triggermap.services.application import build_application

    return build_application(db_url=db)


def parse_date(text: str | None, option: str = "--date") -> date | None:
    """A YYYY-MM-DD date, or None (today) when none is given."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None
    if not 1900 <= day.year <= 2999:
        raise InputError(f"{option}: {text!r} is not in 1900..2999")
    return day


def split_ids(text: str | None) -> list[str]:
    """`a, b,c` -> ["a", "b", "c"] (a command line's comma list)."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def one_line_text(text: str | None, option: str, max_chars: int) -> str | None:
    """Free text for a printed handout: one line, not empty, not too long (None stays None)."""
    if text is None:
        return None
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InputError(f"{option}: is empty")
    if len(cleaned) > max_chars:
        raise InputError(f"{option}: {len(cleaned)} characters is longer than {max_chars}")
    if any(ord(c) < 32 for c in cleaned):
        raise InputError(f"{option}: {cleaned[:40]!r} holds control characters")
    return cleaned
