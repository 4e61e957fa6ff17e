"""kb check: the numbers fit the model that reads them (kb/model_checks.py, ADR 0001).

Each test breaks one consistency rule in an in-memory copy of the shipped knowledge base and
expects exactly the line that names it; the shipped knowledge base passes every check."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from triggermap.kb.loader import KnowledgeBase, load_knowledge
from triggermap.kb.model_checks import check_model
from triggermap.kb.schema import Stratum

KB = load_knowledge()


def _condition(kb: KnowledgeBase, cid: str, **update: Any) -> KnowledgeBase:
    conditions = dict(kb.conditions)
    conditions[cid] = conditions[cid].model_copy(update=update)
    return replace(kb, conditions=conditions)


def _regions(cid: str, **update: Any) -> KnowledgeBase:
    regions = KB.conditions[cid].regions.model_copy(update=update)
    return _condition(KB, cid, regions=regions)


def _regional(**update: Any) -> KnowledgeBase:
    model = KB.model
    regional = model.differential.regional
    values = {k: getattr(regional, k).model_copy(update={"value": v}) for k, v in update.items()}
    differential = model.differential.model_copy(
        update={"regional": regional.model_copy(update=values)}
    )
    return replace(KB, model=model.model_copy(update={"differential": differential}))


def test_the_shipped_knowledge_base_passes() -> None:
    assert check_model(KB) == []


def test_a_core_region_outside_the_typical_regions() -> None:
    problems = check_model(_regions("hip_osteoarthritis", core=["groin", "heel"]))
    assert len(problems) == 1
    assert "condition 'hip_osteoarthritis'" in problems[0]
    assert "field 'regions.core': heel not among its typical regions" in problems[0]


def test_a_key_region_outside_the_typical_regions_or_not_a_region() -> None:
    gtps = KB.conditions["greater_trochanteric_pain_syndrome"].regions
    key = gtps.key[0]
    outside = key.model_copy(update={"finding": "region:posterior_calf"})
    problems = check_model(_regions(gtps_id := "greater_trochanteric_pain_syndrome", key=[outside]))
    assert problems == [
        f"conditions/{gtps_id}.yaml: condition '{gtps_id}': field 'regions.key[0].finding': "
        "posterior_calf not among its typical regions"
    ]
    symptom = key.model_copy(update={"finding": "symptom:radiating_pain"})
    problems = check_model(_regions(gtps_id, key=[symptom]))
    assert len(problems) == 1 and "is not a region or regions_any feature" in problems[0]


def test_a_key_region_that_counts_against_when_it_hurts() -> None:
    key = KB.conditions["piriformis_syndrome"].regions.key[0]
    weak = key.model_copy(update={"lr_positive": 0.8, "lr_negative": 0.6})
    problems = check_model(_regions("piriformis_syndrome", key=[weak]))
    assert len(problems) == 1 and "lr_positive': 0.8 is below 1" in problems[0]


def test_no_typical_region_above_a_spared_key_region() -> None:
    problems = check_model(_regional(no_typical_region=0.5))
    # GTPS and hamstring tendinopathy 0.3, stenosis 0.34, labral tear 0.35, SI joint 0.4
    spared = [p for p in problems if "no_typical_region" in p]
    assert len(spared) == 5
    assert any("'greater_trochanteric_pain_syndrome' (0.3)" in p for p in spared)


def test_outside_typical_above_a_ratio_a_drawing_can_trigger() -> None:
    problems = check_model(_regional(outside_typical=0.7))
    assert problems and all("outside_typical" in p for p in problems)
    assert any("'feature:leg_symptoms_both_sides'" in p for p in problems)
    assert check_model(_regional(outside_typical=1.5)) == [
        "model.yaml: field 'differential.regional.outside_typical': 1.5 is not between 0 and 1"
    ]


def test_a_ratio_pair_that_points_both_ways() -> None:
    stenosis = KB.conditions["lumbar_spinal_stenosis"]
    findings = list(stenosis.findings)
    findings[0] = findings[0].model_copy(update={"lr_positive": 2.0, "lr_negative": 1.5})
    problems = check_model(_condition(KB, stenosis.id, findings=findings))
    assert len(problems) == 1 and "point the same way" in problems[0]


def _strata(strata: list[Stratum]) -> KnowledgeBase:
    tests = dict(KB.tests)
    test = tests["sutlive_hip_oa"]
    accuracy = [test.accuracy[0].model_copy(update={"strata": strata}), *test.accuracy[1:]]
    tests[test.id] = test.model_copy(update={"accuracy": accuracy})
    return replace(KB, tests=tests)


def test_strata_with_a_gap_a_fall_or_a_closed_end() -> None:
    gap = [
        Stratum(at_least=0, at_most=1, likelihood_ratio=0.34),
        Stratum(at_least=3, likelihood_ratio=24),
    ]
    assert any("expected 2 (a gap)" in p for p in check_model(_strata(gap)))
    fall = [
        Stratum(at_least=0, at_most=2, likelihood_ratio=2.0),
        Stratum(at_least=3, likelihood_ratio=1.0),
    ]
    assert any("falls as the count rises" in p for p in check_model(_strata(fall)))
    closed = [Stratum(at_least=0, at_most=4, likelihood_ratio=0.3)]
    assert any("the last stratum must be open" in p for p in check_model(_strata(closed)))


def test_a_demographic_ratio_with_nothing_defining_to_count_beside() -> None:
    cid = "lumbar_spinal_stenosis"
    stenosis = KB.conditions[cid]
    findings = [f.model_copy(update={"defining": False}) for f in stenosis.findings]
    key = [k.model_copy(update={"defining": False}) for k in stenosis.regions.key]
    kb = _condition(KB, cid, findings=findings)
    kb = _condition(kb, cid, regions=stenosis.regions.model_copy(update={"key": key}))
    tests = {
        tid: t.model_copy(
            update={
                "accuracy": [
                    a.model_copy(update={"defining": False}) if a.condition == cid else a
                    for a in t.accuracy
                ]
            }
        )
        for tid, t in kb.tests.items()
    }
    problems = check_model(replace(kb, tests=tests))
    assert len(problems) == 1
    assert "a demographic ratio above 1 needs a defining finding" in problems[0]


def test_referral_population_priors_that_leave_no_room() -> None:
    ces = KB.conditions["cauda_equina_syndrome"]
    assert ces.suspected_pretest is not None
    suspected = ces.suspected_pretest.model_copy(update={"probability": 0.9})
    problems = check_model(_condition(KB, ces.id, suspected_pretest=suspected))
    assert len(problems) == 1 and "must leave room for the other explanations" in problems[0]
