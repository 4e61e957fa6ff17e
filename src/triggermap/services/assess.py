"""Use case: read cases (one or a list) from JSON text, assess each, return contract JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from triggermap.reasoning.case import Case, parse_case
from triggermap.strict_json import parse_json

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase


def read_cases(text: str, kb: KnowledgeBase) -> tuple[list[Case], bool]:
    """Parse JSON text holding one case or a list of cases; (cases, was_a_list)."""
    data: Any = parse_json(text, "input")
    if isinstance(data, list):
        return [parse_case(item, kb, where=f"[{i}].") for i, item in enumerate(data)], True
    return [parse_case(data, kb)], False
