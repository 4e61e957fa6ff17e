"""Use case: read cases (one or a list) from JSON text, assess each, return contract JSON.

A list is read twice and never held whole: the first pass checks every case (so a bad one
is refused before any result is written, and the count is known), the second parses each
case again as it is assessed. Memory stays flat however long the list is; only the text is
kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from triggermap.reasoning.case import Case, parse_case
from triggermap.strict_json import read_json_items

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase


@dataclass(frozen=True)
class CaseBatch:
    """Checked cases from one JSON text: one case, or a list of `count` cases."""

    text: str
    kb: KnowledgeBase
    is_list: bool
    count: int

    def __iter__(self) -> Iterator[Case]:
        """The cases, each parsed as it is asked for."""
        _, items = read_json_items(self.text, "input")
        return _parse_items(items, self.kb)


def read_case_batch(text: str, kb: KnowledgeBase) -> CaseBatch:
    """Check every case in JSON text holding one case or a list of cases; the first bad one
    raises `CaseError` or `InputError` naming it (`[3].pain.intensity: ...`)."""
    is_list, items = read_json_items(text, "input")
    count = sum(1 for _ in _parse_items(items, kb))
    return CaseBatch(text, kb, is_list, count)


def read_cases(text: str, kb: KnowledgeBase) -> tuple[list[Case], bool]:
    """Parse JSON text holding one case or a list of cases; (cases, was_a_list)."""
    batch = read_case_batch(text, kb)
    return list(batch), batch.is_list


def _parse_items(items: Iterator[tuple[str, Any]], kb: KnowledgeBase) -> Iterator[Case]:
    for prefix, item in items:
        yield parse_case(item, kb, where=f"{prefix}." if prefix else "")
