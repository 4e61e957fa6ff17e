"""What several commands share: reading input, dates, and the --db and --force options.

Output files are written by `triggermap.private_files` (0600, never through a link).

Every failure is an `InputError` naming the option and the value, so the person sees one line.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from triggermap.errors import InputError, show_path

DB_HELP = "Database URL or SQLite file (default: TRIGGERMAP_DATABASE_URL, else a local file)."
FORCE_HELP = "Replace the output file if it exists (a link is never written through)."


def read_input(path: str, option: str = "--input") -> str:
    """The text of a file, or of stdin for `-`: UTF-8 only, the same check for both."""
    from triggermap.strict_json import decode_text

    if path == "-":
        return decode_text(sys.stdin.buffer.read(), option)
    try:
        return decode_text(Path(path).read_bytes(), option)
    except FileNotFoundError:
        raise InputError(f"{option}: no such file {show_path(path)}") from None
    except IsADirectoryError:
        raise InputError(f"{option}: {show_path(path)} is a folder, not a file") from None
    except ValueError:  # a NUL character in the path
        raise InputError(f"{option}: {show_path(path)} is not a file path") from None
    except OSError as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"{option}: cannot read {show_path(path)}: {reason}") from None


def parse_date(text: str | None, option: str = "--date") -> date:
    """A YYYY-MM-DD date (the one rule: `input_checks.check_day`), or today when none is given."""
    from triggermap.input_checks import check_day

    today = date.today()
    return today if text is None else check_day(text, option, today)


def one_line_text(text: str | None, option: str, max_chars: int) -> str | None:
    """Free text for a printed handout: one line, not empty, not too long (None stays None)."""
    if text is None:
        return None
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InputError(f"{option}: is empty")
    if len(cleaned) > max_chars:
        raise InputError(f"{option}: {len(cleaned)} characters is longer than {max_chars}")
    from triggermap.input_checks import check_one_line

    return check_one_line(cleaned, option)
