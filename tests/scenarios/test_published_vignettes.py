"""Cases from published reports (tests/scenarios/published/): the engine's safety and ranking."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.assessment import LEVEL_RANK
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess

SETS = sorted((Path(__file__).parent / "published").glob("set-*.yaml"))
SERIOUS = {
    "cauda_equina_syndrome",
    "spinal_infection",
    "malignancy",
    "fracture",
    "deep_vein_thrombosis",
    "vascular_claudication",
}


@dataclass
class Figures:
    under_triaged: list[str]
    red_flag_missed: list[str]
    top1: float
    top3: float
    serious_hidden: list[str]


def _floor(vignette: dict[str, Any]) -> int:
    want = vignette["expected"]["triage"]
    return min(LEVEL_RANK[x] for x in ([want] if isinstance(want, str) else want))


def _score(kb: KnowledgeBase, path: Path) -> Figures:
    vignettes = yaml.safe_load(path.read_text(encoding="utf-8"))
    under, missed, hidden = [], [], []
    top1 = top3 = n = 0
    for v in vignettes:
        a = assess(parse_case(v["case"], kb), kb)
        got = LEVEL_RANK[a.triage.level]
        if got < _floor(v):
            under.append(v["id"])
            if _floor(v) >= LEVEL_RANK["urgent"]:
                missed.append(v["id"])
        expected = v["expected"].get("conditions") or []
        if not expected:
            continue
        n += 1
        ranked = [c.id for c in a.conditions]
        top1 += ranked[0] in expected
        top3 += any(c in expected for c in ranked[:3])
        flagged = {m.id for m in getattr(a, "must_exclude", ())}
        if SERIOUS & set(expected) and not SERIOUS & set(expected) & (set(ranked[:3]) | flagged):
            hidden.append(v["id"])
    return Figures(under, missed, top1 / n, top3 / n, hidden)


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_no_red_flag_is_under_triaged(kb: KnowledgeBase, path: Path) -> None:
    assert _score(kb, path).red_flag_missed == []


@pytest.mark.xfail(
    strict=True,
    reason="issue 11 (engine) done-when: 0 under-triage, serious_surfaced 1.00 and good "
    "rankings on the published sets; remove this mark when the engine meets it",
)
@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_published_set_meets_the_engine_bars(kb: KnowledgeBase, path: Path) -> None:
    figures = _score(kb, path)
    assert figures.under_triaged == []
    assert figures.serious_hidden == []
    assert figures.top1 >= 0.75
    assert figures.top3 >= 0.9
