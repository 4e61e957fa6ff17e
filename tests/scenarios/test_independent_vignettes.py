"""Vignettes written by independent testers: no under-triaged red flag, good rankings.

The ranking is by probability alone (issue 11), so a serious condition a warning sign points
to need not come first: it must be in the top three or in `must_exclude` (serious_surfaced).
The testers wrote sets A and B when warning signs still sorted their suspects first, so some of
their serious cases expect the serious condition as the top one; the bars below are on the
benign cases' top one, every case's top three, and the serious cases' surfacing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from triggermap.kb.levels import LEVEL_RANK
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess

HERE = Path(__file__).parent
SETS = sorted(HERE.glob("independent/set-*.yaml"))
SERIOUS = {
    "cauda_equina_syndrome",
    "spinal_infection",
    "malignancy",
    "fracture",
    "deep_vein_thrombosis",
    "vascular_claudication",
}


def _allowed(v: dict[str, Any]) -> list[str]:
    want = v["expected"]["triage"]
    return [want] if isinstance(want, str) else list(want)


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_scenario_set(kb: KnowledgeBase, path: Path) -> None:
    vignettes = yaml.safe_load(path.read_text(encoding="utf-8"))
    benign = benign_top1 = top3 = n_cond = muscle3 = n_muscle = serious = surfaced = 0
    for v in vignettes:
        a = assess(parse_case(v["case"], kb), kb)
        floor = min(LEVEL_RANK[x] for x in _allowed(v))
        if floor >= LEVEL_RANK["urgent"]:
            assert LEVEL_RANK[a.triage.level] >= floor, f"{v['id']}: {a.triage.level}"
        expected = set(v["expected"].get("conditions") or [])
        ranked = [c.id for c in a.conditions]
        if expected:
            n_cond += 1
            top3 += bool(expected & set(ranked[:3]))
            if expected & SERIOUS:
                serious += 1
                listed = set(ranked[:3]) | {m.id for m in a.must_exclude}
                surfaced += bool(expected & SERIOUS & listed)
            else:
                benign += 1
                benign_top1 += ranked[0] in expected
        if v["expected"].get("muscles"):
            n_muscle += 1
            muscle3 += any(m.id in v["expected"]["muscles"] for m in a.muscles[:3])
    assert surfaced == serious, f"{serious - surfaced} serious condition(s) not surfaced"
    assert top3 / n_cond >= 0.95
    assert benign_top1 / max(benign, 1) >= 0.85
    if n_muscle:
        assert muscle3 / n_muscle >= 0.9
