"""What several commands share: reading input, the application, and the --db, --person and
--force options.

Output files are written by `triggermap.private_files` (0600, never through a link, an
existing file replaced only with --force). Every value a person types is checked below the
command line (the services and the core), so each gets the same words wherever it is given.

Every failure is an `InputError` naming the option and the value, so the person sees one line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from triggermap.errors import InputError, show_path

if TYPE_CHECKING:
    from triggermap.services.application import Application

DB_HELP = "Database URL or SQLite file (default: TRIGGERMAP_DATABASE_URL, else a local file)."
FORCE_HELP = "Replace the output file if it exists (a link is never written through)."
PERSON_HELP = "The person's label or id (see triggermap person list)."


def read_input(path: str, option: str = "--input") -> str:
    """The text of a file, or of stdin for `-`: UTF-8 only, the same check for both."""
    from triggermap.strict_json import decode_text

    if path == "-":
        return _not_empty(decode_text(sys.stdin.buffer.read(), option), option, "stdin")
    try:
        return _not_empty(decode_text(Path(path).read_bytes(), option), option, show_path(path))
    except FileNotFoundError:
        raise InputError(f"{option}: no such file {show_path(path)}") from None
    except IsADirectoryError:
        raise InputError(f"{option}: {show_path(path)} is a folder, not a file") from None
    except ValueError:  # a NUL character in the path
        raise InputError(f"{option}: {show_path(path)} is not a file path") from None
    except OSError as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"{option}: cannot read {show_path(path)}: {reason}") from None


def _not_empty(text: str, option: str, where: str) -> str:
    if not text.strip():
        raise InputError(f"{option}: {where} is empty (there is nothing in it to read)")
    return text


def application(db: str | None, *, lazy_knowledge: bool = False) -> Application:
    """The application for one command: the records at `--db`, the system clock and zone
    (`lazy_knowledge`: the knowledge base loaded only if the command comes to need it)."""
    from triggermap.services.application import build_application

    return build_application(db_url=db, lazy_knowledge=lazy_knowledge)


def split_ids(text: str | None) -> list[str]:
    """`a, b,c` -> ["a", "b", "c"] (a command line's comma list)."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]
