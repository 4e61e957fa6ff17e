"""The API's OpenAPI 3.1 schemas: the case, assessment and plan formats from the knowledge base
(`services.knowledge.format_schema`, the same the CLI's `schema` command prints), and the
records' shapes written here, where the routes that answer with them are.

Every schema is a JSON Schema (2020-12) component; `$defs` of the formats are hoisted into
`components.schemas` with a prefix, so every `$ref` resolves inside the OpenAPI document.
"""

from __future__ import annotations

import copy
from typing import Any

REF = "#/components/schemas/"
NULLABLE_TEXT: dict[str, Any] = {"type": ["string", "null"]}
DAY: dict[str, Any] = {"type": "string", "format": "date"}
MOMENT: dict[str, Any] = {"type": "string", "format": "date-time"}
SCORE: dict[str, Any] = {"type": "integer", "minimum": 0, "maximum": 10}
IDS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
PERSON_REF = {
    "name": "person",
    "in": "path",
    "required": True,
    "description": "The person's id, or their label (see GET /people).",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
}


def ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def hoisted(schema: dict[str, Any], prefix: str) -> dict[str, dict[str, Any]]:
    """`schema` as components: itself under `prefix` and each of its `$defs` under
    `prefix.Name`, with every `#/$defs/` reference rewritten to its component."""
    schema = copy.deepcopy(schema)
    defs = schema.pop("$defs", {})
    schema.pop("$schema", None)
    out = {prefix: schema, **{f"{prefix}.{name}": d for name, d in defs.items()}}
    for component in out.values():
        _rewrite(component, prefix)
    return out


def _rewrite(value: Any, prefix: str) -> None:
    if isinstance(value, dict):
        target = value.get("$ref")
        if isinstance(target, str) and target.startswith("#/$defs/"):
            value["$ref"] = f"{REF}{prefix}.{target.removeprefix('#/$defs/')}"
        for inner in value.values():
            _rewrite(inner, prefix)
    elif isinstance(value, list):
        for inner in value:
            _rewrite(inner, prefix)


def _object(
    properties: dict[str, Any], required: tuple[str, ...] = (), *, closed: bool = True
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    if closed:
        schema["additionalProperties"] = False
    return schema


PROBLEM = _object(
    {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "One line naming the field and the value."},
        "field": {"type": "string", "description": "The field the detail names first."},
    },
    ("type", "title", "status", "detail"),
    closed=False,
)
PERSON = _object(
    {
        "id": {"type": "string"},
        "label": {"type": "string"},
        "birth_year": {"type": ["integer", "null"]},
        "sex": NULLABLE_TEXT,
        "created_at": MOMENT,
    },
    ("id", "label", "birth_year", "sex", "created_at"),
)
NEW_PERSON = _object(
    {
        "label": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "description": "A pseudonymous label such as P-014 (not a name); unique.",
        },
        "birth_year": {"type": ["integer", "null"], "minimum": 1900},
        "sex": {"enum": ["female", "male", "other", "unknown", None]},
    },
    ("label",),
)
PERSON_SUMMARY = _object(
    {
        **PERSON["properties"],
        "records": {"type": "object", "additionalProperties": {"type": "integer"}},
        "latest_assessment": {"type": ["object", "null"]},
        "latest_plan": {"type": ["object", "null"]},
    },
    ("id", "label", "records", "latest_assessment", "latest_plan"),
)
DIARY_ENTRY = _object(
    {
        "id": {"type": "string"},
        "day": DAY,
        "recorded_at": MOMENT,
        "pain": SCORE,
        "regions": IDS,
        "symptoms": IDS,
        "note": NULLABLE_TEXT,
        "self_care": {"type": "boolean"},
    },
    ("id", "day", "recorded_at", "pain", "regions", "symptoms", "note", "self_care"),
)
_DIARY_FIELDS = {
    "pain": {**SCORE, "description": "Pain now or today, 0 (none) to 10 (worst)."},
    "day": {**DAY, "description": "The day (default: today); not in the future."},
    "regions": {**IDS, "description": "Region ids (GET the intake Questionnaire for them)."},
    "symptoms": {**IDS, "description": "Symptom ids; a red flag triages the records at once."},
    "note": {**NULLABLE_TEXT, "description": 'A short note; on a change, null or "" clears it.'},
    "self_care": {"type": "boolean", "description": "Self-care was done that day."},
}
NEW_DIARY_ENTRY = _object(_DIARY_FIELDS, ("pain",))
DIARY_CHANGE = _object(_DIARY_FIELDS)
TRIAGE = {
    "type": ["object", "null"],
    "description": "The person's triage from their records, when the entry holds a red flag.",
}
SAVED_ENTRY = _object({"entry": ref("DiaryEntry"), "triage": TRIAGE}, ("entry", "triage"))
PEG = _object(
    {
        "id": {"type": "string"},
        "day": DAY,
        "recorded_at": MOMENT,
        "pain": SCORE,
        "enjoyment": SCORE,
        "activity": SCORE,
        "score": {"type": "number", "minimum": 0, "maximum": 10},
    },
    ("id", "day", "recorded_at", "pain", "enjoyment", "activity", "score"),
)
_PEG_FIELDS = {"pain": SCORE, "enjoyment": SCORE, "activity": SCORE, "day": DAY}
NEW_PEG = _object(_PEG_FIELDS, ("pain", "enjoyment", "activity"))
PEG_CHANGE = _object(_PEG_FIELDS)
PROGRESS = _object(
    {"triage": {"type": ["object", "null"]}, "person": ref("Person")},
    ("triage", "person"),
    closed=False,
)
SAVED_ASSESSMENTS = _object(
    {
        "person": ref("Person"),
        "ids": IDS,
        "cleared": {**IDS, "description": "Red flags held before that these cases answered no."},
        "still_open": {**IDS, "description": "Red flags held that the last case did not ask."},
        "triage": TRIAGE,
        "assessments": {"type": "array", "items": ref("Assessment")},
    },
    ("person", "ids", "cleared", "still_open", "triage", "assessments"),
)
SAVED_PLAN = _object(
    {
        "id": {"type": "string"},
        "version": {"type": "integer", "minimum": 1},
        "created_at": MOMENT,
        "raised_by": {
            "type": ["string", "null"],
            "description": "What in the person's records raised the triage above the case's.",
        },
        "plan": ref("Plan"),
    },
    ("id", "version", "created_at", "raised_by", "plan"),
)
PERSON_DOCUMENT = _object(
    {"format": {"const": "triggermap.person"}, "version": {"type": "integer"}},
    ("format", "version"),
    closed=False,
)
BUNDLE = _object(
    {"resourceType": {"const": "Bundle"}, "type": {"type": "string"}},
    ("resourceType",),
    closed=False,
)


def components(formats: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Every schema of the API; `formats` holds the case, assessment and plan formats."""
    schemas: dict[str, Any] = {}
    for name, prefix in (("case", "Case"), ("assessment", "Assessment"), ("plan", "Plan")):
        schemas.update(hoisted(formats[name], prefix))
    schemas.update(
        Problem=PROBLEM,
        Person=PERSON,
        NewPerson=NEW_PERSON,
        PersonSummary=PERSON_SUMMARY,
        DiaryEntry=DIARY_ENTRY,
        NewDiaryEntry=NEW_DIARY_ENTRY,
        DiaryChange=DIARY_CHANGE,
        SavedEntry=SAVED_ENTRY,
        Peg=PEG,
        NewPeg=NEW_PEG,
        PegChange=PEG_CHANGE,
        Progress=PROGRESS,
        SavedAssessments=SAVED_ASSESSMENTS,
        SavedPlan=SAVED_PLAN,
        PersonDocument=PERSON_DOCUMENT,
        Bundle=BUNDLE,
    )
    return schemas
