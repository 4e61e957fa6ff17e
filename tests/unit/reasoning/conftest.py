"""Cases for the engine's unit tests: every red flag denied unless a test says otherwise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.assessment import Assessment
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess

BASE: dict[str, Any] = {"age": 45, "duration_weeks": 3, "onset": "gradual", "side": "right"}


@pytest.fixture
def run(kb: KnowledgeBase) -> Callable[..., Assessment]:
    """`run(pain=..., symptoms=..., exam=..., **fields)`: assess a case whose red-flag symptoms
    the person denied (all but those listed as present or unsure)."""
    flags = sorted(s.id for s in kb.symptoms.values() if s.red_flag)

    def assess_case(**fields: Any) -> Assessment:
        case = {**BASE, **fields}
        named = set(case.get("symptoms", [])) | set(case.get("unsure", []))
        case["absent"] = sorted(set(case.get("absent", [])) | (set(flags) - named))
        return assess(parse_case(case, kb), kb)

    return assess_case
