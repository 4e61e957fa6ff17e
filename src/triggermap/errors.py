"""The one error tree of triggermap.

The core raises only these; each adapter decides how they surface (the CLI maps them to
exit codes, the web to status codes). Red flags are results, never exceptions.

    TriggermapError                 exit 1
    ├── KnowledgeError              the knowledge base is broken (exit 1)
    ├── InputError                  a user's input is invalid (exit 2): names field and value
    │   └── CaseError               a case does not follow spec/CASES.md
    ├── NotFoundError               an id that the user named does not exist (exit 2)
    └── StorageError                the database refused or failed (exit 1)
        └── UnusableDatabaseError   the database named by --db cannot be opened (exit 2)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class TriggermapError(Exception):
    """Base of every error triggermap raises on purpose."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class KnowledgeError(TriggermapError):
    """The knowledge base failed validation; `problems` holds one line per defect."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        first = problems[0] if problems else "knowledge base is invalid"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)


class InputError(TriggermapError):
    """Bad input from a person or a program: one line naming the field and the value."""

    exit_code = 2


class CaseError(InputError):
    """A case that does not follow the contract in spec/CASES.md."""


class NotFoundError(TriggermapError):
    """An id named by the user that does not exist."""

    exit_code = 2


class StorageError(TriggermapError):
    """The database failed or refused an operation."""


SHOWN_CHARACTERS = 60
"""An echoed value is cut to this many characters, so an error stays one short line."""
SHOWN_PATH_CHARACTERS = 240
"""A file path is cut beyond this (they are long, and worth showing whole when they can be)."""
NEAR_CHARACTERS = 200
"""Text longer than this is never compared with the known ids (`did_you_mean`)."""
MESSAGE_CHARACTERS = 600
"""The last guard: no error message is printed longer than this."""


def show_text(text: str) -> str:
    """Text as an error message quotes it: control characters escaped, cut when long."""
    if len(text) <= SHOWN_CHARACTERS:
        return repr(text)
    return f"{text[:SHOWN_CHARACTERS]!r}... ({len(text):,} characters)"


def show_path(path: object) -> str:
    """A file's path as an error message quotes it: escaped, cut only when very long."""
    text = str(path)
    if len(text) <= SHOWN_PATH_CHARACTERS:
        return repr(text)
    return f"{text[:SHOWN_PATH_CHARACTERS]!r}... ({len(text):,} characters)"


def show_field(name: str) -> str:
    """A field name as an error message starts: as it is when it is a plain name
    (`pain.intensity`, `symptoms[2]`), quoted and escaped otherwise (one line, always)."""
    plain = name.strip() == name != "" and all(c.isalnum() or c in "_-.[] " for c in name)
    plain = plain and name.isascii()
    return name if plain and len(name) <= SHOWN_CHARACTERS else show_text(name)


def show_value(value: Any) -> str:
    """A value as an error message quotes it: 'text', 11, true, null, an object, a list."""
    if isinstance(value, str):
        return show_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, int):
        return _show_number(str(value) if abs(value) < 10**SHOWN_CHARACTERS else "")
    return _show_number(str(value))


def _show_number(digits: str) -> str:
    if digits and len(digits) <= SHOWN_CHARACTERS:
        return digits
    return "a number too large to show"


def one_line(message: str) -> str:
    """The last guard before a message is printed: one line, escaped, of bounded length,
    whatever a part of it echoed."""
    if len(message) > MESSAGE_CHARACTERS:
        message = f"{message[:MESSAGE_CHARACTERS]}... ({len(message):,} characters)"
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """ " (did you mean 'mid_buttock'?)" for the nearest known ids, or "" when none is near."""
    from difflib import get_close_matches

    if len(value) > NEAR_CHARACTERS:  # no id is this long; comparing it would be slow
        return ""
    by_lower = {k.lower(): k for k in known}
    near = get_close_matches(value.lower(), list(by_lower), n=3, cutoff=0.6)
    if not near:
        return ""
    return " (did you mean " + " or ".join(show_text(by_lower[n]) for n in near) + "?)"


class UnusableDatabaseError(StorageError):
    """The database that --db (or TRIGGERMAP_DATABASE_URL) names cannot be opened: not a
    database, no server there, or (for a command that only reads) no database yet."""

    exit_code = 2
