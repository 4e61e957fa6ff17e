"""The public vignettes: exact triage, no under-triage, muscles and conditions ranked right."""

from __future__ import annotations

from typing import Any

from triggermap.kb.levels import LEVEL_RANK
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess


def _results(
    kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], Any]]:
    return [(v, assess(parse_case(v["case"], kb), kb)) for v in vignettes]


def _allowed(v: dict[str, Any]) -> list[str]:
    want = v["expected"]["triage"]
    return [want] if isinstance(want, str) else list(want)


def test_no_red_flag_is_under_triaged(kb: KnowledgeBase, vignettes: list[dict[str, Any]]) -> None:
    for v, a in _results(kb, vignettes):
        floor = min(LEVEL_RANK[x] for x in _allowed(v))
        assert LEVEL_RANK[a.triage.level] >= floor, f"{v['id']}: {a.triage.level}"


def test_triage_exact_at_least_90_percent(
    kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    hits = [a.triage.level in _allowed(v) for v, a in _results(kb, vignettes)]
    assert sum(hits) / len(hits) >= 0.9


def test_muscle_top3_at_least_90_percent(
    kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    rows = [(v, a) for v, a in _results(kb, vignettes) if v["expected"].get("muscles")]
    hits = [any(m.id in v["expected"]["muscles"] for m in a.muscles[:3]) for v, a in rows]
    assert sum(hits) / len(hits) >= 0.9


def test_condition_top1_and_top3(kb: KnowledgeBase, vignettes: list[dict[str, Any]]) -> None:
    rows = [(v, a) for v, a in _results(kb, vignettes) if v["expected"].get("conditions")]
    top1 = [a.conditions[0].id in v["expected"]["conditions"] for v, a in rows]
    top3 = [any(c.id in v["expected"]["conditions"] for c in a.conditions[:3]) for v, a in rows]
    assert sum(top1) / len(top1) >= 0.8
    assert sum(top3) / len(top3) >= 0.95


def test_emergencies_recommend_urgent_imaging(
    kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    for v, a in _results(kb, vignettes):
        if a.triage.level == "emergency":
            assert a.imaging.recommended and a.imaging.modality == "urgent_mri", v["id"]
