"""Imaging: recommend or advise against, with the modality, urgency and the rule behind it."""

from __future__ import annotations

from collections.abc import Callable

from triggermap.reasoning.assessment import Assessment

Run = Callable[..., Assessment]

SCIATICA = {
    "pain": {
        "regions": ["mid_buttock", "posterior_thigh", "posterior_calf", "foot"],
        "intensity": 6,
    },
    "symptoms": ["radiating_pain", "numbness_tingling", "worse_cough_sneeze"],
    "exam": {"tests": {"slr": "positive"}},
}


def rules(a: Assessment) -> list[str]:
    return [r.rule for r in a.imaging.reasons]


def test_hip_osteoarthritis_gets_a_plain_xray(run: Run) -> None:
    a = run(
        age=66,
        duration_weeks=20,
        pain={"regions": ["groin", "greater_trochanter", "anterior_thigh"], "intensity": 5},
        symptoms=["morning_stiffness_short"],
        exam={  # the ACR clinical criteria: internal rotation under 15 and flexion 115 or less
            "rom": {
                "hip_internal_rotation": {"passive": 10, "painful": True},
                "hip_flexion": {"passive": 90},
            }
        },
    )
    assert (a.imaging.recommended, a.imaging.modality, a.imaging.urgency) == (
        True,
        "xray",
        "routine",
    )
    assert "xray_hip_osteoarthritis" in rules(a)


def test_sciatica_gets_an_mri_only_after_six_weeks(run: Run) -> None:
    early = run(**SCIATICA, duration_weeks=2)
    assert not early.imaging.recommended
    assert "no_advanced_imaging_first_6_weeks" in rules(early)
    late = run(**SCIATICA, duration_weeks=10)
    assert (late.imaging.recommended, late.imaging.modality) == (True, "mri")
    assert "mri_persistent_radicular" in rules(late)


def test_leg_symptoms_the_exam_puts_in_the_deep_gluteal_space_get_no_lumbar_mri(
    run: Run,
) -> None:
    a = run(
        duration_weeks=10,
        pain={"regions": ["mid_buttock", "posterior_thigh", "posterior_calf"], "intensity": 6},
        symptoms=["worse_sitting", "radiating_pain", "numbness_tingling"],
        exam={
            "tests": {
                "slr": "negative",
                "slump": "negative",
                "fair": "positive",
                "active_piriformis": "positive",
                "seated_piriformis_stretch": "positive",
            },
            "neuro": {"sensory_deficit": False, "motor_deficit": False, "reflex_change": False},
        },
    )
    assert a.conditions[0].id == "piriformis_syndrome"
    assert "mri_persistent_radicular" not in rules(a)
    assert a.imaging.modality != "mri"


def test_a_progressive_deficit_gets_an_urgent_mri(run: Run) -> None:
    a = run(
        pain={"regions": ["mid_buttock", "posterior_thigh"], "intensity": 6},
        symptoms=["radiating_pain", "progressive_weakness"],
    )
    assert (a.imaging.modality, a.imaging.urgency) == ("mri", "urgent")


def test_suspected_cauda_equina_gets_an_emergency_mri(run: Run) -> None:
    a = run(pain={"regions": ["mid_buttock"], "intensity": 6}, symptoms=["saddle_anaesthesia"])
    assert (a.imaging.modality, a.imaging.urgency) == ("urgent_mri", "emergency")
    assert rules(a)[0] == "urgent_mri_cauda_equina"


def test_the_dangerous_causes_each_get_their_own_scan(run: Run) -> None:
    dvt = run(pain={"regions": ["posterior_calf"], "intensity": 4}, symptoms=["leg_swelling"])
    assert (dvt.imaging.modality, dvt.imaging.urgency) == ("ultrasound", "urgent")
    fracture = run(
        age=78,
        onset="after_trauma",
        duration_weeks=1,
        pain={"regions": ["groin", "lower_buttock"], "intensity": 8},
        symptoms=["osteoporosis"],
    )
    assert fracture.imaging.recommended and fracture.imaging.urgency == "urgent"
    assert "ct_suspected_fracture" in rules(fracture)
    infection = run(
        pain={"regions": ["lower_back"], "intensity": 6},
        symptoms=["fever", "iv_drug_use", "night_pain"],
    )
    assert (infection.imaging.modality, infection.imaging.urgency) == ("mri", "urgent")


def test_trigger_points_need_no_imaging(run: Run) -> None:
    a = run(
        pain={"regions": ["sacrum", "gluteal_cleft", "lower_buttock"], "intensity": 4},
        symptoms=["worse_sitting"],
        exam={
            "palpation": {
                "gluteus_maximus": {"taut_band": True, "tender_spot": True, "referred_pain": True}
            }
        },
    )
    assert not a.imaging.recommended and a.imaging.modality == "none"
    assert "no_imaging_trigger_points" in rules(a)
    assert all(not r.recommended for r in a.imaging.reasons)
