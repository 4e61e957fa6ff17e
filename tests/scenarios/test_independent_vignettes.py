"""Vignettes written by independent testers: no under-triaged red flag, good rankings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from triggermap.kb.levels import LEVEL_RANK
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess

SETS = sorted((Path(__file__).parent / "independent").glob("set-*.yaml"))


def _allowed(v: dict[str, Any]) -> list[str]:
    want = v["expected"]["triage"]
    return [want] if isinstance(want, str) else list(want)


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_independent_set(kb: KnowledgeBase, path: Path) -> None:
    vignettes = yaml.safe_load(path.read_text(encoding="utf-8"))
    top1 = top3 = n_cond = muscle3 = n_muscle = 0
    for v in vignettes:
        a = assess(parse_case(v["case"], kb), kb)
        floor = min(LEVEL_RANK[x] for x in _allowed(v))
        if floor >= LEVEL_RANK["urgent"]:
            assert LEVEL_RANK[a.triage.level] >= floor, f"{v['id']}: {a.triage.level}"
        if v["expected"].get("conditions"):
            n_cond += 1
            top1 += a.conditions[0].id in v["expected"]["conditions"]
            top3 += any(c.id in v["expected"]["conditions"] for c in a.conditions[:3])
        if v["expected"].get("muscles"):
            n_muscle += 1
            muscle3 += any(m.id in v["expected"]["muscles"] for m in a.muscles[:3])
    assert top1 / n_cond >= 0.85
    assert top3 / n_cond >= 0.95
    assert muscle3 / n_muscle >= 0.9
