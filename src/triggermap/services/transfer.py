"""Use cases: export one person's records as JSON, import such a document (all or nothing)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from triggermap.errors import InputError, show_text
from triggermap.services.records import knowledge
from triggermap.store import people
from triggermap.store.schema import store_for
from triggermap.store.snapshot import read_snapshot, snapshot_to_json, write_snapshot
from triggermap.store.snapshot_parse import Vocabulary, parse_snapshot
from triggermap.store.transactions import read, write
from triggermap.strict_json import parse_json

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase


def export_person(*, db_url: str | None, person_id: str) -> dict[str, Any]:
    """The person's whole record as one JSON document (`store.snapshot`)."""
    snapshot = read(store_for(db_url, create=False), lambda s: read_snapshot(s, person_id))
    return snapshot_to_json(snapshot)


def export_text(document: dict[str, Any]) -> str:
    """The document as text: sorted keys, so the same records always give the same bytes."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def import_person(
    *,
    db_url: str | None,
    text: str,
    kb: KnowledgeBase | None = None,
    now: datetime | None = None,
) -> str:
    """Check the whole document, then store it in one transaction; return the person's id."""
    data = parse_json(text, "import")
    base = knowledge(kb)
    vocabulary = Vocabulary(base.regions, base.symptoms, base.exam.sexes)
    snapshot = parse_snapshot(data, vocabulary, now=now or datetime.now(UTC))

    def work(session: Session) -> str:
        if people.person_exists(session, snapshot.person.id):
            raise InputError(
                f"person.id: {show_text(snapshot.person.id)} already exists in this database "
                "(delete it first, or import into another database)"
            )
        try:
            return write_snapshot(session, snapshot)
        except IntegrityError:
            raise InputError(
                "import: a record in this file already exists in this database "
                "(it was imported before); nothing was written"
            ) from None

    return write(store_for(db_url), work)
