"""The numbers that shape plans and progress are cited data (thresholds.yaml): changing one
changes `knowledge_version` and the result, with no Python edit."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from importlib import resources
from pathlib import Path

import yaml
from tests.unit.careplan.conftest import BASE_CASE, TODAY, make_assessment

from triggermap.careplan import generate_care_plan
from triggermap.kb.loader import KnowledgeBase, load_knowledge
from triggermap.kb.schema import CitedCount
from triggermap.progress.thresholds import ProgressRules
from triggermap.reasoning.case import parse_case

GLUTEAL = (("gluteus_maximus", 0.9), ("piriformis", 0.8), ("gluteus_medius", 0.7))


def _with(kb: KnowledgeBase, **careplan: object) -> KnowledgeBase:
    limits = kb.thresholds.careplan.model_copy(update=careplan)
    return dataclasses.replace(kb, thresholds=kb.thresholds.model_copy(update={"careplan": limits}))


def _count(value: int) -> CitedCount:
    return CitedCount(
        value=value, source="triggermap_estimate", evidence="expert_estimate", note="t"
    )


def _stretches(kb: KnowledgeBase) -> int:
    case = parse_case(BASE_CASE, kb)
    assessment = make_assessment(kb, case, muscles=GLUTEAL)
    plan = generate_care_plan(case=case, assessment=assessment, kb=kb, today=TODAY)
    return sum(i.kind == "stretch" for i in plan.items)


def test_the_home_programme_caps_come_from_the_knowledge_base(kb: KnowledgeBase) -> None:
    stretch_cap = kb.thresholds.careplan.home_limits["stretch"].value
    assert _stretches(kb) == stretch_cap == 2
    limits = {**kb.thresholds.careplan.home_limits, "stretch": _count(1)}
    assert _stretches(_with(kb, home_limits=limits)) == 1


def test_a_changed_threshold_changes_the_knowledge_version(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(Path(str(resources.files("triggermap") / "knowledge")), root)
    before = load_knowledge(root, use_cache=False)
    path = root / "thresholds.yaml"
    data = yaml.safe_load(path.read_text())
    data["progress"]["not_better_weeks"]["value"] = 3
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    after = load_knowledge(root, use_cache=False)
    assert after.version != before.version
    assert ProgressRules.from_kb(after).not_better_weeks == 3
    case = parse_case(BASE_CASE, after)
    plan = generate_care_plan(
        case=case, assessment=make_assessment(after, case), kb=after, today=date(2026, 1, 1)
    )
    assert [c.after_weeks for c in plan.review.checks] == [3, 6]
    assert plan.review.checks[0].date == "2026-01-22"


def test_progress_rules_carry_the_cited_values(kb: KnowledgeBase) -> None:
    rules = ProgressRules.from_kb(kb)
    assert (rules.mcid_points, rules.mcid_fraction, rules.mcid_source) == (2, 0.3, "farrar_2001")
    assert (rules.not_better_weeks, rules.not_resolved_weeks) == (2, 6)
    assert rules.not_resolved_source == "acr_lbp_2021"
