"""The case format (spec/CASES.md) as JSON Schema, with every id the knowledge base knows.

`parse_case` stays the one judge of a case (it also refuses an id in two of symptoms, absent
and unsure); this schema is for editors, forms and other programs that write cases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from triggermap.kb.loader import KnowledgeBase

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def case_json_schema(kb: KnowledgeBase) -> dict[str, Any]:
    symptoms = _ids(kb.symptoms, "a symptom id (`triggermap kb list symptoms`)")
    return {
        "$schema": SCHEMA_URI,
        "title": "triggermap case",
        "description": "What is known about one person's buttock pain at one moment. Leave out "
        "what is not known: unknown is not absent.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "description": "Your id for the case (echoed back)."},
            "age": {"type": "integer", "minimum": 0, "maximum": 120},
            "sex": _choice(kb.exam.sexes),
            "duration_weeks": {"type": "number", "minimum": 0},
            "onset": _choice(kb.exam.onsets),
            "side": _choice(kb.exam.sides),
            "pain": _object(
                {
                    "regions": _ids(kb.regions, "a region id (`triggermap kb list regions`)"),
                    "intensity": {"type": "integer", "minimum": 0, "maximum": 10},
                }
            ),
            "symptoms": {**symptoms, "description": "Symptoms present."},
            "absent": {**symptoms, "description": "Symptoms asked about and absent."},
            "unsure": {**symptoms, "description": "Answered 'not sure' (counts as present)."},
            "history": _ids(kb.history, "a history id (`triggermap kb list history`)"),
            "exam": _exam(kb),
            "preferences": _object(
                {
                    "equipment": {"type": "array", "items": {"type": "string"}},
                    "avoid": {"type": "array", "items": {"type": "string"}},
                }
            ),
        },
    }


def _exam(kb: KnowledgeBase) -> dict[str, Any]:
    findings = _flags(kb.exam.palpation_findings)
    degrees = {"type": "number", "minimum": 0, "maximum": 180}
    rom = _object(
        {"active": degrees, "passive": degrees, "painful": {"type": "boolean"}},
    )
    return _object(
        {
            "palpation": _keyed(kb.muscles, findings),
            "tests": _keyed(kb.tests, _choice(("positive", "negative"))),
            "rom": _keyed(kb.exam.movements, rom),
            "neuro": _flags(kb.exam.neuro),
        }
    )


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "properties": properties}


def _keyed(keys: Iterable[str], value: dict[str, Any]) -> dict[str, Any]:
    return _object({key: value for key in keys})


def _flags(keys: Iterable[str]) -> dict[str, Any]:
    return _keyed(keys, {"type": "boolean"})


def _choice(values: Iterable[str]) -> dict[str, Any]:
    return {"enum": list(values)}


def _ids(known: Iterable[str], description: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"enum": sorted(known)},
        "uniqueItems": True,
        "description": description,
    }
