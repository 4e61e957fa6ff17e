"""Terminology codes: only verified, corroborated or single-source codes; never a retracted one."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from triggermap.kb.loader import KnowledgeBase
from triggermap.kb.schema import Code

# standards.md §1.5: codes public projects have shipped as anatomy or myalgia that are wrong.
RETRACTED_CODES = {"68861009", "81022004", "122470009", "202383002", "30989003", "22298006"}


def _codes(value: Any) -> list[Code]:
    if isinstance(value, Code):
        return [value]
    if isinstance(value, list):
        return [c for item in value for c in _codes(item)]
    if isinstance(value, BaseModel):
        return [c for name in type(value).model_fields for c in _codes(getattr(value, name))]
    return []


def test_no_retracted_or_unverified_code(kb: KnowledgeBase) -> None:
    codes = [
        c
        for kind in ("regions", "muscles", "structures", "conditions", "codes")
        for entry in kb.kind(kind).values()
        for c in _codes(entry)
    ]
    assert codes, "the knowledge base carries codes"
    for code in codes:
        assert code.code not in RETRACTED_CODES, code
        assert code.status in ("V", "C", "S")
        assert code.source in kb.sources


def test_a_code_that_names_a_side_says_which(kb: KnowledgeBase) -> None:
    """The FHIR adapter picks ICD-10-CM codes by the case's side: the field must match the words."""
    words = {
        "left": "left",
        "right": "right",
        "bilateral": "bilateral",
        "unspecified": "unspecified",
    }
    codes = [c for entry in kb.conditions.values() for c in entry.codes]
    for code in codes:
        named = {side for side, word in words.items() if word in code.display.lower()}
        assert named == ({code.laterality} if code.laterality else set()), code


def test_the_fhir_codes_are_in_the_knowledge_base(kb: KnowledgeBase) -> None:
    expected = {
        "pain_severity": "72514-3",
        "peg_pain": "75893-8",
        "peg_enjoyment": "91145-3",
        "peg_activity": "91146-1",
        "peg_score": "91147-9",
        "exercise_therapy": "229065009",
    }
    assert {key: kb.codes[key].code.code for key in expected} == expected


def test_every_number_has_a_source_that_resolves(kb: KnowledgeBase) -> None:
    for condition in kb.conditions.values():
        assert condition.pretest.source in kb.sources
        for finding in condition.findings:
            assert finding.source in kb.sources
            if finding.evidence.value == "expert_estimate":
                assert finding.note
    for test in kb.tests.values():
        for acc in test.accuracy:
            assert acc.source in kb.sources
    for treatment in kb.treatments.values():
        if treatment.dose is not None:
            assert treatment.dose.source in kb.sources
