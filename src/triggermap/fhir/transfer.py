"""Use cases of FHIR records, over the application's services (the front ends call these):

    export_bundle    a person's whole record as a Bundle (`export --format fhir`, $everything)
    import_records   a document from `triggermap export`, JSON or FHIR: the person it holds,
                     stored all or nothing through `services.transfer.import_person`
    intake_questionnaire, body_region_system   what the app publishes at /fhir/...

They sit in this package, above `services/`, because the services know no FHIR.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from triggermap.person.records import Person
    from triggermap.services.application import Application


def export_bundle(app: Application, *, person: str, kind: str = "collection") -> dict[str, Any]:
    """The Bundle of `fhir.person_bundle`; `kind` is `collection` or `searchset`."""
    from triggermap.fhir.person_bundle import person_bundle
    from triggermap.services.people import person_records

    records = person_records(app, person=person)
    return person_bundle(records, app.kb, timestamp=app.now(), kind=kind)


def import_records(app: Application, *, text: str) -> Person:
    """Import a person document (`triggermap export`) or a FHIR Bundle of one patient."""
    from triggermap.fhir.person_import import is_bundle, person_document
    from triggermap.services.transfer import import_person
    from triggermap.strict_json import parse_json

    data = parse_json(text, "import")
    if is_bundle(data):
        document = person_document(data, app.kb, now=app.now(), tz=app.tz)
        text = json.dumps(document, ensure_ascii=False)
    return import_person(app, text=text)


def intake_questionnaire(app: Application) -> dict[str, Any]:
    from triggermap.fhir.questionnaire import build_questionnaire

    return build_questionnaire(app.kb)


def body_region_system(app: Application) -> dict[str, Any]:
    from triggermap.fhir.questionnaire import build_body_region_system

    return build_body_region_system(app.kb)
