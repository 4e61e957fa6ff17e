"""The whole report: adherence, regions, PEG, JSON."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from triggermap.errors import InputError
from triggermap.kb.loader import load_knowledge
from triggermap.person.triage_case import red_flag_case
from triggermap.progress.adherence import PlanInfo
from triggermap.progress.entries import (
    DiaryEntry,
    PegScore,
    SelfCareSession,
    check_day,
    check_score,
    diary_entry,
    self_care_session,
)
from triggermap.progress.report import History, analyse_progress
from triggermap.progress.thresholds import ProgressRules
from triggermap.services.clock import SystemZone
from triggermap.store.saved import planned_sessions_per_week

RULES = ProgressRules.from_kb(load_knowledge())
ZONE = SystemZone()  # the machine's zone, as the command line uses

START = date(2024, 3, 4)


def local(year: int, month: int, day: int) -> datetime:
    """9 o'clock on that day where the tests run (stored as UTC, read back as a local day)."""
    return datetime(year, month, day, 9).astimezone(UTC)


TODAY = date(2024, 3, 31)


def day(n: int) -> date:
    return START + timedelta(days=n)


def test_adherence_counts_days_with_self_care_against_the_plan() -> None:
    diary = tuple(DiaryEntry(day(n), 5, self_care=n % 2 == 0) for n in range(28))
    sessions = (SelfCareSession(local(2024, 3, 29), ("stretch",)),)
    plan = PlanInfo(version=1, created_on=START, sessions_per_week=7)
    report = analyse_progress(
        History(diary=diary, sessions=sessions, plan=plan),
        today=TODAY,
        red_flags=frozenset(),
        rules=RULES,
        tz=ZONE,
    )
    a = report.adherence
    assert a.days == (date(2024, 3, 18), TODAY)
    # even days 14..26 are 7 diary days marked; the 29th (day 25, odd) adds a session day
    assert (a.sessions, a.days_done, a.planned) == (1, 8, 14.0)
    assert a.ratio == pytest.approx(8 / 14, abs=0.01)


def test_a_session_ended_before_any_exercise_is_not_self_care_done() -> None:
    sessions = (
        SelfCareSession(local(2024, 3, 29), ()),  # quit at once
        SelfCareSession(local(2024, 3, 30), ("stretch",)),
    )
    plan = PlanInfo(version=1, created_on=START, sessions_per_week=7)
    report = analyse_progress(
        History(sessions=sessions, plan=plan),
        today=TODAY,
        red_flags=frozenset(),
        rules=RULES,
        tz=ZONE,
    )
    assert (report.adherence.sessions, report.adherence.days_done) == (1, 1)


def test_adherence_window_starts_with_a_newer_plan() -> None:
    plan = PlanInfo(version=2, created_on=date(2024, 3, 28), sessions_per_week=3.5)
    report = analyse_progress(
        History(plan=plan), today=TODAY, red_flags=frozenset(), rules=RULES, tz=ZONE
    )
    assert report.adherence.days == (date(2024, 3, 28), TODAY)
    assert report.adherence.planned == 2.0


def test_planned_sessions_come_from_the_plan_items_dose() -> None:
    plan = {
        "items": [
            {"id": "education", "dose": None},
            {"id": "stretch", "dose": {"days_per_week": 5, "hold_seconds": 30}},
            {"id": "ball", "dose": {"times_per_day": 2}},
        ]
    }
    assert planned_sessions_per_week(plan) == 7.0
    assert planned_sessions_per_week({"items": [{"dose": {"days_per_week": 3}}]}) == 3.0
    assert planned_sessions_per_week({"sessions_per_week": 4}) == 4.0
    assert planned_sessions_per_week({"items": []}) is None


def test_regions_first_and_latest_two_weeks() -> None:
    diary = tuple(
        DiaryEntry(day(n), 5, regions=("mid_buttock",) + (("posterior_thigh",) if n < 7 else ()))
        for n in range(28)
    )
    report = analyse_progress(
        History(diary=diary), today=TODAY, red_flags=frozenset(), rules=RULES, tz=ZONE
    )
    assert report.regions is not None
    first, latest = report.regions
    assert first.share == {"mid_buttock": 1.0, "posterior_thigh": 0.5}
    assert latest.share == {"mid_buttock": 1.0}
    assert first.diary_days == latest.diary_days == 14


def test_peg_change_and_score() -> None:
    peg = (PegScore(day(0), 6, 7, 8), PegScore(day(21), 3, 4, 4))
    report = analyse_progress(
        History(peg=peg), today=TODAY, red_flags=frozenset(), rules=RULES, tz=ZONE
    )
    assert peg[0].score == 7.0 and peg[1].score == 3.67
    assert report.peg is not None and report.peg.points == -3.33


def test_report_json_is_plain_json_with_escalations_near_the_top() -> None:
    diary = tuple(DiaryEntry(day(n), 7) for n in range(21))
    report = analyse_progress(
        History(diary=diary), today=TODAY, red_flags=frozenset(), rules=RULES, tz=ZONE
    )
    data = json.loads(json.dumps(report.to_json()))
    assert list(data)[:2] == ["today", "escalations"]
    assert data["escalations"][0]["reason"] == "not_better"
    assert data["improvement_threshold"] == 5.0  # 2 points or 30%: either is enough
    assert data["mcid"]["source"] == "farrar_2001"


def test_no_history_is_an_empty_report() -> None:
    report = analyse_progress(History(), today=TODAY, red_flags=frozenset(), rules=RULES, tz=ZONE)
    assert report.pain is None and report.escalations == () and report.regions is None


# ---------------------------------------------------------------- input checks


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (11, "pain: 11 is not in 0..10"),
        (-1, "pain: -1 is not in 0..10"),
        ("7.5", "pain: '7.5' is not a whole number"),
        (True, "pain: true is not a whole number"),
    ],
)
def test_bad_scores_name_field_and_value(value: object, message: str) -> None:
    with pytest.raises(InputError) as error:
        check_score(value, "pain")
    assert str(error.value) == message


def test_future_and_malformed_dates() -> None:
    with pytest.raises(InputError, match=r"^date: 2024-04-01 is in the future"):
        check_day("2024-04-01", "date", TODAY)
    with pytest.raises(InputError, match=r"^date: '31/03/2024' is not a date"):
        check_day("31/03/2024", "date", TODAY)
    assert check_day("2024-03-31", "date", TODAY) == TODAY


def test_unknown_region_and_symptom_ids() -> None:
    args = {
        "day": TODAY,
        "pain": 3,
        "note": None,
        "self_care": False,
        "today": TODAY,
        "known_regions": {"mid_buttock"},
        "known_symptoms": {"fever"},
    }
    with pytest.raises(InputError, match=r"^regions\[1\]: unknown region id 'elbow'$"):
        diary_entry(regions=["mid_buttock", "elbow"], symptoms=[], **args)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"^symptoms\[0\]: unknown symptom id 'cough'$"):
        diary_entry(regions=[], symptoms=["cough"], **args)  # type: ignore[arg-type]


def test_session_contract() -> None:
    now = datetime(2024, 3, 31, 18, tzinfo=UTC)
    s = self_care_session(
        {"items_done": ["a", "b", "a"], "pain_after": 3, "started_at": "2024-03-31T08:00:00"},
        now=now,
        tz=ZONE,
    )
    assert s.items_done == ("a", "b") and s.pain_after == 3
    assert s.started_at == datetime(2024, 3, 31, 8, tzinfo=UTC)
    with pytest.raises(InputError, match=r"^session.pain_after: 12 is not in 0..10$"):
        self_care_session({"pain_after": 12}, now=now, tz=ZONE)
    with pytest.raises(InputError, match=r"^session.items: unknown field"):
        self_care_session({"items": []}, now=now, tz=ZONE)
    with pytest.raises(InputError, match=r"^session.started_at: .* is in the future$"):
        self_care_session({"started_at": "2024-04-02T08:00:00+00:00"}, now=now, tz=ZONE)


# ---------------------------------------------------------------- the case to triage again


def test_red_flag_case_adds_diary_symptoms_to_the_latest_case() -> None:
    latest = {
        "age": 58,
        "duration_weeks": 4,
        "symptoms": ["worse_sitting"],
        "absent": ["saddle_anaesthesia", "fever"],
        "pain": {"regions": ["mid_buttock"], "intensity": 6},
    }
    flagged = [DiaryEntry(date(2024, 3, 15), 8, ("lower_buttock",), ("saddle_anaesthesia",))]
    today = date(2024, 3, 15)
    case = red_flag_case(flagged, latest, date(2024, 3, 1), today=today, context=flagged)
    assert case["symptoms"] == ["saddle_anaesthesia", "worse_sitting"]
    assert case["absent"] == ["fever"]
    assert case["pain"] == {"regions": ["mid_buttock", "lower_buttock"], "intensity": 8}
    assert case["duration_weeks"] == 6.0
    assert case["age"] == 58
    assert latest["absent"] == ["saddle_anaesthesia", "fever"]  # not modified
    calmer = [DiaryEntry(today, 3, (), ("saddle_anaesthesia",))]
    kept = red_flag_case(
        calmer, latest, date(2024, 3, 1), today=today, context=calmer, advance=False
    )
    assert kept["pain"] == {"regions": ["mid_buttock"], "intensity": 6}  # never less than saved
    assert kept["duration_weeks"] == 4


def test_red_flag_case_without_an_assessment_uses_the_diary_alone() -> None:
    flagged = [DiaryEntry(date(2024, 3, 15), 4, (), ("fever",))]
    case = red_flag_case(flagged, None, None, today=date(2024, 3, 15), context=flagged)
    assert case == {"symptoms": ["fever"], "pain": {"intensity": 4}}


def test_what_an_earlier_case_found_carries_into_a_later_one_that_leaves_it_unknown() -> None:
    earlier = [
        (
            date(2023, 6, 1),
            {
                "age": 55,
                "sex": "male",
                "side": "bilateral",
                "exam": {"neuro": {"motor_deficit": True}},
            },
        )
    ]
    later = {"pain": {"regions": ["mid_buttock"]}, "exam": {"neuro": {"reflex_change": False}}}
    case = red_flag_case([], later, date(2024, 3, 1), today=date(2024, 3, 15), earlier=earlier)
    assert (case["age"], case["sex"], case["side"]) == (56, "male", "bilateral")
    assert case["exam"]["neuro"] == {"reflex_change": False, "motor_deficit": True}
    examined = {"exam": {"neuro": {"motor_deficit": False}}, "age": 40}
    kept = red_flag_case([], examined, None, today=date(2024, 3, 15), earlier=earlier)
    assert kept["exam"]["neuro"] == {"motor_deficit": False} and kept["age"] == 40


def test_an_exam_that_recorded_a_finding_closes_it_for_later_cases() -> None:
    motor = {"exam": {"neuro": {"motor_deficit": True}}}
    normal = {"exam": {"neuro": {"motor_deficit": False}}}
    newest_first = [(date(2024, 2, 1), normal), (date(2024, 1, 1), motor)]
    case = red_flag_case([], {"age": 50}, None, today=date(2024, 3, 1), earlier=newest_first)
    assert "exam" not in case or "motor_deficit" not in case["exam"].get("neuro", {})


def test_a_not_sure_answer_carried_forward_stays_not_sure() -> None:
    from datetime import UTC, datetime

    from triggermap.progress.red_flags import unseen_red_flags
    from triggermap.store.saved import answers_of

    first = answers_of({"unsure": ["fever"]}, datetime(2024, 3, 1, 9, tzinfo=UTC))
    later = answers_of({"symptoms": ["worse_sitting"]}, datetime(2024, 3, 5, 9, tzinfo=UTC))
    flagged = unseen_red_flags([], frozenset({"fever"}), [first, later], tz=ZONE)
    case = red_flag_case(flagged, {"symptoms": ["worse_sitting"]}, None, today=date(2024, 3, 6))
    assert case["unsure"] == ["fever"] and case["symptoms"] == ["worse_sitting"]


def test_stored_moments_are_compared_as_local_days(monkeypatch: pytest.MonkeyPatch) -> None:
    import time
    from datetime import UTC, datetime

    from triggermap.progress.entries import local_day

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        evening = datetime(2024, 3, 2, 1, 30, tzinfo=UTC)  # 20:30 on 1 March in New York
        assert local_day(evening, ZONE) == date(2024, 3, 1)
    finally:
        monkeypatch.undo()  # the original TZ (or none) back, then applied
        time.tzset()


def test_an_open_flag_keeps_its_own_pain_however_old_it_is() -> None:
    from triggermap.progress.red_flags import context_entries

    old_flag = DiaryEntry(date(2024, 1, 2), 9, ("lower_buttock",), ("osteoporosis",))
    recent = DiaryEntry(date(2024, 3, 1), 3, ("mid_buttock",))
    today = date(2024, 3, 2)
    context = context_entries([old_flag, recent], today)
    assert context == [recent]  # the 6 weeks up to today
    case = red_flag_case([old_flag], None, None, today=today, context=context)
    assert case["pain"] == {"intensity": 9, "regions": ["mid_buttock", "lower_buttock"]}


def test_an_unknown_side_does_not_hide_an_earlier_one() -> None:
    earlier = [(date(2024, 1, 1), {"side": "bilateral", "sex": "female"})]
    later = {"side": "unknown", "sex": "unknown"}
    case = red_flag_case([], later, None, today=date(2024, 3, 1), earlier=earlier)
    assert (case["side"], case["sex"]) == ("bilateral", "female")


def test_a_day_without_regions_is_unknown_but_a_pain_free_day_counts() -> None:
    """A rating with no regions says nothing about where it hurt (left out of the share); a day
    at pain 0 says nothing hurt (counted, at 0 % everywhere)."""
    diary = (
        DiaryEntry(day(0), 6, regions=("mid_buttock",)),
        DiaryEntry(day(1), 6, regions=("mid_buttock",)),
        DiaryEntry(day(20), 5, regions=("mid_buttock",)),
        DiaryEntry(day(21), 4),
        DiaryEntry(day(22), 0),
    )
    report = analyse_progress(
        History(diary=diary), today=TODAY, red_flags=frozenset(), rules=RULES, tz=ZONE
    )
    assert report.regions is not None
    first, latest = report.regions
    assert first.share == {"mid_buttock": 1.0} and first.diary_days == 2
    assert latest.share == {"mid_buttock": 0.5} and latest.diary_days == 2


def test_a_diary_of_a_few_days_is_too_early_to_compare() -> None:
    """Two entries two days apart: the first week is also the latest, so no verdict yet."""
    diary = (DiaryEntry(day(0), 6), DiaryEntry(day(2), 4))
    report = analyse_progress(
        History(diary=diary), today=TODAY, red_flags=frozenset(), rules=RULES, tz=ZONE
    )
    assert report.pain is not None and not report.pain.comparable
    assert report.trend is None
