"""Escalation: red flags first; worse by 2; not resolved at 6 weeks; not better at 2 weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from triggermap.kb.loader import load_knowledge
from triggermap.progress.entries import DiaryEntry, local_day
from triggermap.progress.red_flags import SavedAnswers
from triggermap.progress.report import History, analyse_progress
from triggermap.progress.thresholds import ProgressRules
from triggermap.services.clock import SystemZone

RULES = ProgressRules.from_kb(load_knowledge())
ZONE = SystemZone()  # the machine's zone, as the command line uses

START = date(2024, 3, 4)
RED = frozenset({"saddle_anaesthesia", "fever"})
TODAY = date(2024, 3, 31)


def weeks(*weekly_pain: int, symptoms: dict[int, tuple[str, ...]] | None = None) -> History:
    """One entry a day; week n has pain weekly_pain[n]; `symptoms` by day index."""
    found = symptoms or {}
    diary = tuple(
        DiaryEntry(
            day=START + timedelta(days=7 * w + d),
            pain=pain,
            symptoms=found.get(7 * w + d, ()),
            recorded_at=datetime(2024, 3, 4, tzinfo=UTC) + timedelta(days=7 * w + d, hours=20),
        )
        for w, pain in enumerate(weekly_pain)
        for d in range(7)
    )
    return History(diary=diary)


def reasons(history: History, today: date | None = None) -> list[str]:
    last = max(e.day for e in history.diary)
    report = analyse_progress(history, today=today or last, red_flags=RED, rules=RULES, tz=ZONE)
    return [e.reason for e in report.escalations]


def test_clearly_better_within_six_weeks_needs_no_escalation() -> None:
    assert reasons(weeks(7, 6, 4)) == []  # 3 points better after 2 weeks


def test_not_clearly_better_after_two_weeks_means_see_a_clinician() -> None:
    assert reasons(weeks(7, 7, 6)) == ["not_better"]  # 1 point (14%) after 2 weeks


def test_too_early_to_judge_before_two_weeks() -> None:
    assert reasons(weeks(7, 7)) == []  # 6 days between the first and last entry


def test_worse_by_two_points_means_see_a_clinician() -> None:
    assert reasons(weeks(4, 6)) == ["worse"]


def test_better_but_not_resolved_after_six_weeks_means_see_a_clinician() -> None:
    assert reasons(weeks(8, 6, 5, 4, 4, 3, 3)) == ["not_resolved"]


def test_resolved_after_six_weeks_needs_nothing() -> None:
    assert reasons(weeks(8, 6, 4, 3, 2, 1, 1)) == []


def test_red_flag_comes_first_with_its_symptoms() -> None:
    history = weeks(7, 7, 6, symptoms={16: ("saddle_anaesthesia", "worse_sitting")})
    report = analyse_progress(history, today=date(2024, 3, 24), red_flags=RED, rules=RULES, tz=ZONE)
    assert [e.reason for e in report.escalations] == ["red_flag", "not_better"]
    assert report.escalations[0].action == "run_triage"
    assert report.escalations[0].symptoms == ("saddle_anaesthesia",)
    assert [e.day for e in report.red_flag_entries] == [START + timedelta(days=16)]


def test_red_flags_seen_by_a_later_assessment_do_not_escalate_again() -> None:
    history = weeks(7, 6, 4, symptoms={3: ("fever",)})
    assessed = datetime(2024, 3, 10, tzinfo=UTC)  # after day 3 was recorded

    def saved(*answered: str) -> SavedAnswers:
        return SavedAnswers(at=assessed, answered=frozenset(answered), reported=frozenset())

    assert reasons(history) == ["red_flag"]
    assert reasons(History(diary=history.diary, saved=(saved("fever"),))) == []
    # an assessment that never asked about the flag does not clear it
    assert reasons(History(diary=history.diary, saved=(saved("night_pain"),))) == ["red_flag"]


def test_a_flag_an_earlier_assessment_reported_stays_until_one_answers_it() -> None:
    first = SavedAnswers(
        at=datetime(2024, 3, 1, tzinfo=UTC),
        answered=frozenset({"saddle_anaesthesia"}),
        reported=frozenset({"saddle_anaesthesia"}),
    )
    silent = SavedAnswers(datetime(2024, 3, 5, tzinfo=UTC), frozenset({"fever"}), frozenset())
    denied = SavedAnswers(
        datetime(2024, 3, 9, tzinfo=UTC), frozenset({"saddle_anaesthesia"}), frozenset()
    )
    carried = analyse_progress(
        History(saved=(first, silent)), today=TODAY, red_flags=RED, rules=RULES, tz=ZONE
    )
    assert [e.symptoms for e in carried.red_flag_entries] == [("saddle_anaesthesia",)]
    assert carried.red_flag_entries[0].day == local_day(first.at, ZONE)
    cleared = analyse_progress(
        History(saved=(first, silent, denied)), today=TODAY, red_flags=RED, rules=RULES, tz=ZONE
    )
    assert cleared.red_flag_entries == ()


def test_entries_after_today_are_ignored() -> None:
    history = weeks(7, 7, 7, 2, 2)
    report = analyse_progress(
        history, today=START + timedelta(days=20), red_flags=RED, rules=RULES, tz=ZONE
    )
    assert report.pain is not None and report.pain.current == 7.0
