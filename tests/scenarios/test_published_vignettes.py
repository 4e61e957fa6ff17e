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


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_no_case_is_under_triaged(kb: KnowledgeBase, path: Path) -> None:
    assert _score(kb, path).under_triaged == []


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_every_serious_condition_is_in_the_top_three_or_must_be_ruled_out(
    kb: KnowledgeBase, path: Path
) -> None:
    assert _score(kb, path).serious_hidden == []


# The ranking bars of issue 11. Honest marks where the engine does not meet them yet: each
# strict, so the mark must go when a set reaches its bar.
NOT_YET = "issue 11: not met yet by the engine (see the engine's report); remove when it passes"


def _sets_with(unmet: set[str]) -> list[Any]:
    return [
        pytest.param(p, id=p.stem, marks=pytest.mark.xfail(strict=True, reason=NOT_YET))
        if p.stem in unmet
        else pytest.param(p, id=p.stem)
        for p in SETS
    ]


@pytest.mark.parametrize("path", _sets_with({"set-g"}))
def test_the_expected_condition_is_in_the_top_three_in_nine_of_ten(
    kb: KnowledgeBase, path: Path
) -> None:
    assert _score(kb, path).top3 >= 0.9


@pytest.mark.parametrize("path", _sets_with({"set-f", "set-g"}))
def test_the_expected_condition_leads_in_three_of_four(kb: KnowledgeBase, path: Path) -> None:
    assert _score(kb, path).top1 >= 0.75


# Regression floors: each set's figures when they were last measured (knowledge 0.5.2; set G,
# held out, was encoded before the engine ran on it). A change that lowers one is a loss on
# cases nobody here tuned to; raise a floor when a set improves.
FLOORS = {
    "set-e": (0.78, 1.00),
    "set-f": (0.70, 0.90),
    "set-g": (0.73, 0.87),
}


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_no_set_falls_below_its_measured_figures(kb: KnowledgeBase, path: Path) -> None:
    top1, top3 = FLOORS[path.stem]
    figures = _score(kb, path)
    got = (round(figures.top1, 2), round(figures.top3, 2))
    assert got[0] >= top1 and got[1] >= top3, f"{path.stem}: {got}, floors {(top1, top3)}"
