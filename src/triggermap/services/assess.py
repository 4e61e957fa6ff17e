"""Use case: read cases (one or a list) from JSON text, assess each, return contract JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from triggermap.reasoning.case import Case, CaseVocabulary, parse_case
from triggermap.strict_json import parse_json

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase


def read_cases(text: str, kb: KnowledgeBase | CaseVocabulary) -> tuple[list[Case], bool]:
    """Parse JSON text holding one case or a list of cases; (cases, was_a_list)."""
    data: Any = parse_json(text, "input")
    if isinstance(data, list):
        return [parse_case(item, kb, where=f"[{i}].") for i, item in enumerate(data)], True
    return [parse_case(data, kb)], False


def assess_json(text: str) -> bytes:
    """Cases as JSON text (one or a list) to their assessments as contract JSON bytes, on the
    cached compiled engine (no knowledge base to validate, no schema imported)."""
    from triggermap.json_output import json_bytes
    from triggermap.reasoning.engine_cache import load_engine

    engine = load_engine()
    cases, is_list = read_cases(text, engine.p.vocabulary)
    results = [engine.assess(case).encodable() for case in cases]
    return json_bytes(results if is_list else results[0])
