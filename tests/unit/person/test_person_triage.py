"""The two safeguards of a person's triage that random cases rarely reach: a saved level the
current knowledge would no longer give, and an episode that stops being recent."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from tests.person_records import person_triage
from tests.person_records import stored as saved

from triggermap.kb.loader import KnowledgeBase
from triggermap.person.records import SavedAssessment
from triggermap.progress.entries import DiaryEntry
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess

SAVED_ON = datetime(2024, 3, 1, 9, tzinfo=UTC)


def stored(kb: KnowledgeBase, case: dict[str, Any], level: str | None = None) -> SavedAssessment:
    result = assess(parse_case(case, kb), kb).to_json()
    if level is not None:  # saved by an older knowledge base that judged it differently
        result["triage"]["level"] = level
    return saved(kb, "a1", SAVED_ON, kb.version, case, result)


def entry(day: date, *symptoms: str) -> DiaryEntry:
    return DiaryEntry(day, 4, (), symptoms, recorded_at=datetime.combine(day, SAVED_ON.timetz()))


def test_a_saved_emergency_stands_whatever_today_s_knowledge_says(kb: KnowledgeBase) -> None:
    case = {"pain": {"regions": ["mid_buttock"], "intensity": 4}, "duration_weeks": 2}
    latest = stored(kb, case, level="emergency")
    today = date(2024, 3, 6)
    assert person_triage([], latest, kb, today=today) is not None
    person = person_triage([entry(date(2024, 3, 5), "night_pain")], latest, kb, today=today)
    assert person is not None and person.assessment.triage.level == "emergency"
    assert person.cause == "saved"


def test_a_recent_episode_stays_recent_for_a_flag_reported_later(kb: KnowledgeBase) -> None:
    """Both legs, numbness, 2 weeks: urgent. Numbness again 40 days later must not make it
    'not recent' and drop the urgent rule."""
    case = {
        "pain": {"regions": ["posterior_thigh"]},
        "side": "bilateral",
        "duration_weeks": 2,
        "symptoms": ["bilateral_leg_symptoms", "numbness_tingling"],
    }
    latest = stored(kb, case)
    assert latest.triage is not None and latest.triage.level == "urgent"
    later = entry(date(2024, 4, 10), "numbness_tingling")
    person = person_triage([later], latest, kb, today=date(2024, 4, 10), context=[later])
    assert person is not None and person.assessment.triage.level == "urgent"


def test_a_stored_result_that_does_not_read_whole_still_gives_its_level(kb: KnowledgeBase) -> None:
    case = {"pain": {"regions": ["mid_buttock"], "intensity": 4}, "duration_weeks": 2}
    partial = saved(kb, "a1", SAVED_ON, "old", case, {"triage": {"level": "emergency"}})
    person = person_triage([], partial, kb, today=date(2024, 3, 6))
    assert person is not None and person.assessment.triage.level == "emergency"
    unreadable = saved(kb, "a2", SAVED_ON, "old", {"exam": ["x"]}, {"triage": {"level": "urgent"}})
    person = person_triage([], unreadable, kb, today=date(2024, 3, 6))
    assert person is not None and person.assessment.triage.level == "urgent"


def test_a_malformed_earlier_case_is_skipped_not_fatal(kb: KnowledgeBase) -> None:
    bad = saved(kb, "a0", SAVED_ON, "old", {"side": "middle", "exam": "none"}, {})
    latest = stored(kb, {"pain": {"regions": ["mid_buttock"]}})
    flag = entry(date(2024, 3, 5), "fever")
    person = person_triage([flag], latest, kb, today=date(2024, 3, 6), earlier=[bad])
    assert person is not None and person.assessment.triage.level == "urgent"
