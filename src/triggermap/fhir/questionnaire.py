"""The intake Questionnaire, built from the knowledge base, and the CodeSystems its answers use.

Warning-sign questions come first and each needs an answer (yes, no or not sure: unknown is
not absent). Every item's `linkId` is the case field it fills (`pain.intensity`,
`symptom.fever`), so it stays stable as long as the ids do. Regions are answered with the local
body-region code; the body-region CodeSystem gives each one's SNOMED CT translation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from triggermap.fhir.terminology import (
    BASE,
    BODY_REGION,
    DATA_ABSENT,
    GENDER,
    YES_NO,
    coding,
    local_coding,
    named_coding,
)

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

INTAKE_URL = f"{BASE}/Questionnaire/intake"
PUBLISHER = "triggermap contributors"
YES = local_coding(YES_NO, "Y", "Yes")
NO = local_coding(YES_NO, "N", "No")
UNSURE = local_coding(DATA_ABSENT, "asked-unknown", "Don't know")
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
SIDE_WORDS = {"left": "Left", "right": "Right", "bilateral": "Both sides", "unknown": "Not sure"}


def vocabulary_system(name: str) -> str:
    """The local CodeSystem of one case vocabulary (onset, side, history)."""
    return f"{BASE}/CodeSystem/{name}"


def intake_canonical(kb: KnowledgeBase) -> str:
    """The versioned canonical URL a QuestionnaireResponse names."""
    return f"{INTAKE_URL}|{kb.version}"


def build_questionnaire(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "resourceType": "Questionnaire",
        "id": "intake",
        "url": INTAKE_URL,
        "version": kb.version,
        "name": "TriggermapIntake",
        "title": "Buttock pain: what you notice",
        "status": "active",
        "subjectType": ["Patient"],
        "date": kb.manifest.released,
        "publisher": PUBLISHER,
        "description": "Warning signs first, then where it hurts and how much, then the rest. "
        "Decision support, not a diagnosis.",
        "item": [
            _group(
                "group.red-flags", "Warning signs: please answer every one", _symptoms(kb, True)
            ),
            _group("group.pain", "Where it hurts and how much", _pain_items(kb)),
            _group("group.about", "About you and this episode", _about_items(kb)),
            _group(
                "group.symptoms",
                "Other symptoms (skip any you are not sure of)",
                _symptoms(kb, False),
            ),
            _group("group.history", "What applies to you", [_history_item(kb)]),
            _group("group.preferences", "Your preferences", _preference_items()),
        ],
    }


def _group(link_id: str, text: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"linkId": link_id, "text": text, "type": "group", "item": items}


def _symptoms(kb: KnowledgeBase, red_flags: bool) -> list[dict[str, Any]]:
    return [
        {
            "linkId": f"symptom.{s.id}",
            "text": s.patient_question,
            "type": "choice",
            "required": red_flags,
            "answerOption": [{"valueCoding": c} for c in (YES, NO, UNSURE)],
        }
        for s in kb.symptoms.values()
        if s.red_flag == red_flags
    ]


def _pain_items(kb: KnowledgeBase) -> list[dict[str, Any]]:
    regions = [
        {"valueCoding": local_coding(BODY_REGION, r.id, r.label)} for r in kb.regions.values()
    ]
    sides = [
        {"valueCoding": local_coding(vocabulary_system("side"), s, SIDE_WORDS.get(s, s))}
        for s in kb.exam.sides
    ]
    intensity = {
        "linkId": "pain.intensity",
        "code": [named_coding(kb, "pain_severity")],
        "text": "Your usual pain, from 0 (none) to 10 (the worst you can imagine)",
        "type": "integer",
        "extension": [
            {"url": MIN_VALUE, "valueInteger": 0},
            {"url": MAX_VALUE, "valueInteger": 10},
        ],
    }
    return [
        {
            "linkId": "pain.regions",
            "text": "Where does it hurt?",
            "type": "choice",
            "repeats": True,
            "answerOption": regions,
        },
        intensity,
        {"linkId": "side", "text": "Which side hurts?", "type": "choice", "answerOption": sides},
    ]


def _about_items(kb: KnowledgeBase) -> list[dict[str, Any]]:
    sexes = [{"valueCoding": local_coding(GENDER, s, s.capitalize())} for s in kb.exam.sexes]
    onsets = [
        {"valueCoding": local_coding(vocabulary_system("onset"), o, o.replace("_", " "))}
        for o in kb.exam.onsets
    ]
    return [
        {"linkId": "age", "text": "Your age in years", "type": "integer"},
        {"linkId": "sex", "text": "Sex", "type": "choice", "answerOption": sexes},
        {
            "linkId": "duration_weeks",
            "text": "How many weeks this episode has lasted",
            "type": "decimal",
        },
        {"linkId": "onset", "text": "How did it start?", "type": "choice", "answerOption": onsets},
    ]


def _history_item(kb: KnowledgeBase) -> dict[str, Any]:
    options = [
        {"valueCoding": local_coding(vocabulary_system("history"), h.id, h.label)}
        for h in kb.history.values()
    ]
    return {
        "linkId": "history",
        "text": "Which of these apply to you?",
        "type": "choice",
        "repeats": True,
        "answerOption": options,
    }


def _preference_items() -> list[dict[str, Any]]:
    return [
        {
            "linkId": "preferences.equipment",
            "text": "Equipment you have (e.g. foam_roller)",
            "type": "string",
            "repeats": True,
        },
        {
            "linkId": "preferences.avoid",
            "text": "Treatments you do not want (e.g. dry_needling)",
            "type": "string",
            "repeats": True,
        },
    ]


def build_body_region_system(kb: KnowledgeBase) -> dict[str, Any]:
    """The body-map regions as a CodeSystem; `snomed` gives each one's SNOMED CT concept."""
    concepts = []
    for region in kb.regions.values():
        concept: dict[str, Any] = {
            "code": region.id,
            "display": region.label,
            "definition": region.plain,
        }
        if region.snomed is not None:
            concept["property"] = [{"code": "snomed", "valueCoding": coding(region.snomed)}]
        concepts.append(concept)
    return {
        "resourceType": "CodeSystem",
        "id": "body-region",
        "url": BODY_REGION,
        "version": kb.version,
        "name": "TriggermapBodyRegion",
        "title": "triggermap body-map regions",
        "status": "active",
        "publisher": PUBLISHER,
        "caseSensitive": True,
        "content": "complete",
        "property": [
            {
                "code": "snomed",
                "type": "Coding",
                "description": "The SNOMED CT body structure this region maps to",
            }
        ],
        "concept": concepts,
    }
