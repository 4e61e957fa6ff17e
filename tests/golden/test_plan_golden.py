"""The care plans of the public vignettes, pinned as golden files.

Deterministic: a fixed date, sorted keys, and the knowledge version masked (it is a content
hash that changes with any knowledge edit; a change that alters a plan shows in the plan).
Regenerate after an intended change with:  UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.shared import public_vignettes

from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case
from triggermap.services.plan import make_plan

GOLDEN = Path(__file__).resolve().parent / "plans"
TODAY = date(2026, 1, 15)
MASK = "<knowledge_version>"


def _vignettes() -> list[dict[str, Any]]:
    """The public vignettes; a clear failure when ../shared is missing (never no cases)."""
    return public_vignettes()


def golden_text(plan_json: dict[str, Any]) -> str:
    return (
        json.dumps(
            {**plan_json, "knowledge_version": MASK}, indent=2, sort_keys=True, ensure_ascii=False
        )
        + "\n"
    )


@pytest.mark.parametrize("vignette", _vignettes(), ids=lambda v: str(v["id"]))
def test_plan_matches_golden_file(vignette: dict[str, Any], kb: KnowledgeBase) -> None:
    case = parse_case(vignette["case"], kb)
    text = golden_text(make_plan(case, kb, today=TODAY).plan.to_json())
    path = GOLDEN / f"{vignette['id']}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"the plan for {vignette['id']} changed; if intended, regenerate with UPDATE_GOLDEN=1"
    )


def test_every_golden_file_has_a_vignette() -> None:
    known = {f"{v['id']}.json" for v in _vignettes()}
    assert {p.name for p in GOLDEN.glob("*.json")} <= known
