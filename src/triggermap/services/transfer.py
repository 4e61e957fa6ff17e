"""Use cases: export one person's records as a JSON document, import such a document (all or
nothing; see `store.snapshot` for the format)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triggermap.person.records import Person
    from triggermap.services.application import Application


def export_person(app: Application, *, person: str) -> str:
    """The person's whole record as JSON text: sorted keys, so the same records always give
    the same bytes; `import_person` reads it back exactly."""
    return app.store.read(lambda records: records.export_person(records.find_person(person).id))


def import_person(app: Application, *, text: str) -> Person:
    """Check the whole document, then store it in one transaction (creating the database on
    first use); return the person."""
    return app.store.import_person(text, now=app.now())
