"""A Bundle of one patient read back as a person document (`store.snapshot`'s format), which
the import use case then checks and stores like any import: all or nothing.

What is read (everything `fhir.person_bundle` writes about what was recorded):
    Patient                the person: id, the label identifier, gender, the year of birth
    QuestionnaireResponse  each intake to triggermap's Questionnaire: a saved case, assessed
                           again with this knowledge base (the Bundle holds its findings, not
                           the whole assessment)
    Observation 72514-3    a diary entry (not one derived from an intake: that is the intake's)
    Observation 91147-9    a PEG score, with its three items from `derivedFrom`
What is derived from those and made again, not read: Conditions, the CarePlan and its
ServiceRequests, Device and Provenance. Anything else in the Bundle is passed over.

Every error is one line naming the entry (`Bundle.entry[4] Observation 'x': ...`).
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from triggermap.errors import InputError, show_text, show_value
from triggermap.fhir.dates import fhir_date, fhir_time
from triggermap.fhir.person_bundle import PEG_PARTS, SELF_CARE_DONE
from triggermap.fhir.questionnaire import INTAKE_URL
from triggermap.fhir.terminology import (
    BODY_REGION,
    FINDING,
    LOINC,
    NAMESPACE,
    OBSERVATION_CODE,
    PERSON_LABEL,
)
from triggermap.input_checks import check_day
from triggermap.progress.entries import check_note, local_day

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

BUNDLE_TYPES = ("collection", "searchset", "transaction", "batch")
RECORD_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
PAIN, PEG_SCORE = "72514-3", "91147-9"
PEG_ITEM_CODES = {"75893-8": "pain", "91145-3": "enjoyment", "91146-1": "activity"}
PERSON_DOCUMENT = {"format": "triggermap.person", "version": 2}


def is_bundle(data: Any) -> bool:
    return isinstance(data, dict) and data.get("resourceType") == "Bundle"


def person_document(bundle: Any, kb: KnowledgeBase, *, now: datetime, tz: tzinfo) -> dict[str, Any]:
    """The person document of a Bundle (see the module docstring)."""
    entries = _entries(bundle)
    by_url = {e["fullUrl"]: e["resource"] for e in entries if isinstance(e.get("fullUrl"), str)}
    reader = _Reader(kb, now, tz, by_url)
    patients = [(i, e["resource"]) for i, e in enumerate(entries) if _kind(e) == "Patient"]
    if len(patients) != 1:
        raise InputError(f"Bundle: expected one Patient, found {len(patients)}")
    document: dict[str, Any] = {**PERSON_DOCUMENT, "person": reader.person(*patients[0])}
    document.update(assessments=[], care_plans=[], diary=[], peg=[], sessions=[])
    for index, entry in enumerate(entries):
        resource = entry["resource"]
        kind = _kind(entry)
        if kind == "QuestionnaireResponse" and _answers_intake(resource):
            document["assessments"].append(reader.assessment(index, resource))
        elif kind == "Observation" and _is_diary(resource):
            document["diary"].append(reader.diary(index, resource))
        elif kind == "Observation" and _codes(resource) & {PEG_SCORE}:
            document["peg"].append(reader.peg(index, resource))
    return document


def _entries(bundle: Any) -> list[dict[str, Any]]:
    if not is_bundle(bundle):
        kind = _field(bundle, "resourceType")
        raise InputError(f"resourceType: {show_value(kind)} is not Bundle")
    if bundle.get("type") not in BUNDLE_TYPES:
        raise InputError(
            f"Bundle.type: {show_value(bundle.get('type'))} is not one of {', '.join(BUNDLE_TYPES)}"
        )
    entries = bundle.get("entry", [])
    if not isinstance(entries, list):
        raise InputError(f"Bundle.entry: expected a list, got {show_value(entries)}")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("resource"), dict):
            raise InputError(f"Bundle.entry[{index}]: expected an entry with a resource")
    return entries


def _field(data: Any, name: str) -> Any:
    return data.get(name) if isinstance(data, dict) else data


def _kind(entry: dict[str, Any]) -> Any:
    return entry["resource"].get("resourceType")


def _answers_intake(resource: dict[str, Any]) -> bool:
    url = resource.get("questionnaire")
    return isinstance(url, str) and url.split("|", 1)[0] == INTAKE_URL


def _codes(resource: dict[str, Any]) -> set[str]:
    code = resource.get("code")
    codings = code.get("coding") if isinstance(code, dict) else None
    return {
        c["code"]
        for c in (codings if isinstance(codings, list) else [])
        if isinstance(c, dict) and c.get("system") == LOINC and isinstance(c.get("code"), str)
    }


def _is_diary(resource: dict[str, Any]) -> bool:
    """A pain rating of its own: not one derived from an intake (that is the intake's)."""
    derived = resource.get("derivedFrom")
    return PAIN in _codes(resource) and not derived


class _Reader:
    def __init__(
        self, kb: KnowledgeBase, now: datetime, tz: tzinfo, by_url: dict[str, dict[str, Any]]
    ) -> None:
        self.kb, self.now, self.tz, self.by_url = kb, now, tz, by_url

    # ------------------------------------------------------------ resources

    def person(self, index: int, patient: dict[str, Any]) -> dict[str, Any]:
        where = self.where(index, patient)
        labels = [
            i.get("value")
            for i in _list(patient.get("identifier"))
            if isinstance(i, dict) and i.get("system") == PERSON_LABEL
        ]
        person_id = self.record_id(patient.get("id"), where)
        label = labels[0] if labels else f"Patient {patient.get('id') or person_id}"
        if not isinstance(label, str):
            raise InputError(f"{where}.identifier: the label {show_value(label)} is not text")
        gender = patient.get("gender")
        return {
            "id": person_id,
            "label": label,
            "birth_year": self.birth_year(patient.get("birthDate"), where),
            "sex": gender if gender in self.kb.exam.sexes else None,
            "created_at": self.now.isoformat(),
        }

    def assessment(self, index: int, response: dict[str, Any]) -> dict[str, Any]:
        from triggermap.fhir.response import case_from_response
        from triggermap.reasoning.engine import assess

        where = self.where(index, response)
        try:
            case = case_from_response(response, self.kb)
        except InputError as exc:
            raise InputError(f"{where}: {exc.message}") from None
        return {
            "id": self.record_id(response.get("id"), where),
            "created_at": self.moment(response.get("authored"), f"{where}.authored"),
            "knowledge_version": self.kb.version,
            "case": case.to_json(),
            "result": assess(case, self.kb).to_json(),
        }

    def diary(self, index: int, observation: dict[str, Any]) -> dict[str, Any]:
        where = self.where(index, observation)
        components = _list(observation.get("component"))
        return {
            "id": self.record_id(observation.get("id"), where),
            "day": self.day(observation.get("effectiveDateTime"), f"{where}.effectiveDateTime"),
            "recorded_at": self.issued(observation, where),
            "pain": self.score(observation, where),
            "regions": self.coded(components, BODY_REGION, "", self.kb.regions, where),
            "symptoms": self.coded(components, FINDING, "symptom:", self.kb.symptoms, where),
            "note": self.note(observation, where),
            "self_care": self.self_care(components, where),
        }

    def peg(self, index: int, total: dict[str, Any]) -> dict[str, Any]:
        where = self.where(index, total)
        items: dict[str, int] = {}
        for ref in _list(total.get("derivedFrom")):
            item = self.by_url.get(str(_field(ref, "reference")))
            codes = _codes(item or {})
            part = next((PEG_ITEM_CODES[c] for c in codes if c in PEG_ITEM_CODES), None)
            if item is not None and part is not None:
                items[part] = self.score(item, f"{where}.derivedFrom {part}")
        missing = [p for p in PEG_PARTS if p not in items]
        if missing:
            raise InputError(
                f"{where}.derivedFrom: the PEG {', '.join(missing)} item is not in the Bundle"
            )
        return {
            "id": self.record_id(total.get("id"), where),
            "day": self.day(total.get("effectiveDateTime"), f"{where}.effectiveDateTime"),
            "recorded_at": self.issued(total, where),
            **items,
        }

    # ------------------------------------------------------------ fields

    def where(self, index: int, resource: dict[str, Any]) -> str:
        name = resource.get("id")
        shown = f" {show_text(name)}" if isinstance(name, str) else ""
        return f"Bundle.entry[{index}] {resource.get('resourceType')}{shown}"

    def record_id(self, value: Any, where: str) -> str:
        """The resource's id when it fits a record id, else a stable one made from it."""
        if isinstance(value, str) and RECORD_ID.match(value):
            return value
        if isinstance(value, str) and value:
            return uuid.uuid5(NAMESPACE, value).hex
        raise InputError(f"{where}.id: {show_value(value)} is not an id")

    def birth_year(self, value: Any, where: str) -> int | None:
        if value is None:
            return None
        return fhir_date(value, f"{where}.birthDate", local_day(self.now, self.tz)).year

    def moment(self, value: Any, where: str) -> str:
        return fhir_time(value, where, self.now).isoformat()

    def day(self, value: Any, where: str) -> str:
        """The day of a whole date (not a partial one), or the local day of a date and time."""
        if isinstance(value, str) and "T" not in value:
            return check_day(value, where, local_day(self.now, self.tz)).isoformat()
        return fhir_time(value, where, self.now).astimezone(self.tz).date().isoformat()

    def issued(self, observation: dict[str, Any], where: str) -> str:
        issued = observation.get("issued")
        return self.now.isoformat() if issued is None else self.moment(issued, f"{where}.issued")

    def score(self, observation: dict[str, Any], where: str) -> int:
        value = observation.get("valueInteger")
        if value is None:
            value = _field(observation.get("valueQuantity"), "value")
        if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
            raise InputError(f"{where}.value: {show_value(value)} is not a whole number")
        if not 0 <= value <= 10:
            raise InputError(f"{where}.value: {show_value(value)} is not in 0..10")
        return int(value)

    def coded(
        self,
        components: list[Any],
        system: str,
        prefix: str,
        known: Any,
        where: str,
    ) -> list[str]:
        found: list[str] = []
        for component in components:
            concept = _field(component, "valueCodeableConcept")
            for coding in _list(_field(concept, "coding")):
                if not isinstance(coding, dict) or coding.get("system") != system:
                    continue
                code = str(coding.get("code"))
                if not code.startswith(prefix) or code.removeprefix(prefix) not in known:
                    raise InputError(f"{where}.component: {show_text(code)} of {system} is unknown")
                if code.removeprefix(prefix) not in found:
                    found.append(code.removeprefix(prefix))
        return found

    def note(self, observation: dict[str, Any], where: str) -> str | None:
        texts = [_field(n, "text") for n in _list(observation.get("note"))]
        if not all(isinstance(t, str) for t in texts):
            raise InputError(f"{where}.note: expected annotations with text")
        return check_note("\n".join(texts) or None, f"{where}.note")

    def self_care(self, components: list[Any], where: str) -> bool:
        for component in components:
            codings = _list(_field(_field(component, "code"), "coding"))
            if any(_is(c, SELF_CARE_DONE) for c in codings):
                value = _field(component, "valueBoolean")
                if not isinstance(value, bool):
                    raise InputError(f"{where}.component self-care-done: expected valueBoolean")
                return value
        return False


def _is(coding: Any, wanted: dict[str, str]) -> bool:
    return (
        isinstance(coding, dict)
        and coding.get("system") == OBSERVATION_CODE
        and coding.get("code") == wanted["code"]
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
