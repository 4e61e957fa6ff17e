"""What text may be looked up as a stored id or label (no SQLAlchemy: shared by `store.people`
and `store.sqlite_records`)."""

from __future__ import annotations

import re

from triggermap.input_checks import unstorable
from triggermap.person.records import LABEL_MAX_CHARS

ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")  # every stored id (String(32) columns)


def is_record_id(text: str) -> bool:
    """Could `text` be a stored id? (Anything else is not looked up: it cannot be there, and a
    NUL or a broken character would upset the database driver.)"""
    return ID_PATTERN.fullmatch(text) is not None


def could_be_label(text: str) -> bool:
    """Could `text` be a stored label? (Text no label can be is not looked up: a NUL or a
    broken character would upset the database driver.)"""
    return 0 < len(text) <= LABEL_MAX_CHARS and unstorable(text) is None
