"""FHIR Bundles (collection) of two public vignettes, pinned as golden files: the case as a
QuestionnaireResponse and a pain rating, the leading Conditions, the CarePlan with its
ServiceRequests, the Provenance. Every vignette's Bundle is valid R4.

The knowledge version is masked (a content hash that changes with any knowledge edit).
Regenerate after an intended change with:  UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from tests.golden.test_plan_golden import MASK, _vignettes

from triggermap.fhir.bundle import case_bundle
from triggermap.fhir.validate import validation_problems
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case
from triggermap.services.plan import make_plan

GOLDEN = Path(__file__).resolve().parent / "fhir"
PINNED = ("pub-gmed-1", "pub-hipoa-1")  # a self-care plan; a clinician's, with an X-ray advised
RECORDED = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


def bundle_for(vignette: dict[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    case = parse_case(vignette["case"], kb)
    result = make_plan(case, kb, today=date(2026, 1, 15))
    return case_bundle(case, result.assessment, result.plan, kb, recorded=RECORDED)


@pytest.mark.parametrize(
    "vignette", [v for v in _vignettes() if v["id"] in PINNED], ids=lambda v: str(v["id"])
)
def test_bundle_matches_golden_file(vignette: dict[str, Any], kb: KnowledgeBase) -> None:
    text = json.dumps(bundle_for(vignette, kb), indent=2, sort_keys=True, ensure_ascii=False)
    text = text.replace(kb.version, MASK) + "\n"
    path = GOLDEN / f"{vignette['id']}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"the FHIR Bundle for {vignette['id']} changed; "
        "if intended, regenerate with UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("vignette", _vignettes(), ids=lambda v: str(v["id"]))
def test_every_vignette_bundle_is_valid_r4(vignette: dict[str, Any], kb: KnowledgeBase) -> None:
    bundle = bundle_for(vignette, kb)
    assert validation_problems(bundle) == []
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds[:2] == ["Patient", "QuestionnaireResponse"] and kinds[-1] == "Provenance"
    assert "Condition" in kinds and "CarePlan" in kinds
