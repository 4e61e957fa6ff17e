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
        for kind in ("regions", "muscles", "structures", "conditions")
        for entry in kb.kind(kind).values()
        for c in _codes(entry)
    ]
    assert codes, "the knowledge base carries codes"
    for code in codes:
        assert code.code not in RETRACTED_CODES, code
        assert code.status in ("V", "C", "S")
        assert code.source in kb.sources


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
