"""Ids of new records: random, so a person's records keep them through export and import."""

from __future__ import annotations

import secrets
import uuid


def new_record_id() -> str:
    return uuid.uuid4().hex


def new_person_id() -> str:
    """12 hex digits: short enough to type, 48 random bits (no clash among millions)."""
    return secrets.token_hex(6)
