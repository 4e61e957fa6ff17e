"""Trigger-point candidates: the referral patterns rank them, palpation dominates, a combination
covers what no single muscle does, and what nothing covers is said."""

from __future__ import annotations

from collections.abc import Callable

from triggermap.reasoning.assessment import Assessment

Run = Callable[..., Assessment]
GMAX_DRAWING = {"pain": {"regions": ["sacrum", "gluteal_cleft", "lower_buttock"], "intensity": 4}}
LATERAL_LEG = {
    "pain": {"regions": ["lower_buttock", "lateral_thigh", "lateral_knee", "lateral_leg"]}
}
POSITIVE = {"taut_band": True, "tender_spot": True, "referred_pain": True}


def test_the_drawing_ranks_the_muscle_whose_pattern_it_matches(run: Run) -> None:
    gmax = run(**GMAX_DRAWING).muscles[0]
    assert gmax.id == "gluteus_maximus"
    assert set(gmax.explains) == {"sacrum", "gluteal_cleft", "lower_buttock"}
    assert run(**LATERAL_LEG).muscles[0].id == "gluteus_minimus"


def test_palpation_findings_outweigh_a_drawing_that_partly_fits_another_muscle(run: Run) -> None:
    partial = {"pain": {"regions": ["upper_buttock", "lateral_thigh", "lateral_leg"]}}
    assert run(**partial).muscles[0].id != "piriformis"
    a = run(**partial, exam={"palpation": {"piriformis": POSITIVE}})
    assert a.muscles[0].id == "piriformis"
    assert any(e.finding.startswith("palpation:piriformis") for e in a.muscles[0].evidence)


def test_a_confirmed_trigger_point_raises_the_score(run: Run) -> None:
    drawing = run(**GMAX_DRAWING).muscles[0].score
    palpated = run(**GMAX_DRAWING, exam={"palpation": {"gluteus_maximus": POSITIVE}}).muscles[0]
    assert palpated.id == "gluteus_maximus" and palpated.score > drawing
    assert 0 <= drawing <= 1 and 0 <= palpated.score <= 1


def test_a_negative_palpation_lowers_the_muscle(run: Run) -> None:
    negative = {"taut_band": False, "tender_spot": False}
    a = run(**GMAX_DRAWING, exam={"palpation": {"gluteus_maximus": negative}})
    assert a.muscles[0].id != "gluteus_maximus"


def test_two_muscles_cover_a_drawing_no_single_pattern_explains(run: Run) -> None:
    regions = ["lower_back", "iliac_crest", "posterior_thigh", "posterior_knee"]
    a = run(pain={"regions": regions, "intensity": 5})
    assert a.combination is not None and len(a.combination.muscles) == 2
    assert set(a.combination.explains) == set(regions)
    assert a.unexplained == []


def test_regions_no_pattern_covers_are_listed_as_unexplained(run: Run) -> None:
    a = run(pain={"regions": ["mid_buttock", "heel", "anterior_knee"], "intensity": 4})
    assert a.unexplained == ["anterior_knee", "heel"]
    assert all("heel" not in m.explains for m in a.muscles)


def test_a_palpated_trigger_point_leads_over_an_unexamined_muscle_with_a_smaller_pattern(
    run: Run,
) -> None:
    """Low back and upper buttock lie in both iliopsoas's small essential zone and gluteus
    medius's large one; a person marks only part of a pattern, so a taut band with a tender spot
    in gluteus medius must lead, while the unexamined iliopsoas stays a candidate (unknown is not
    absent)."""
    drawing = {"pain": {"regions": ["lower_back", "upper_buttock"], "intensity": 5}}
    band = {"taut_band": True, "tender_spot": True}
    a = run(**drawing, exam={"palpation": {"gluteus_medius": band}})
    ids = [m.id for m in a.muscles]
    assert ids[0] == "gluteus_medius"
    assert "iliopsoas" in ids[:3]
