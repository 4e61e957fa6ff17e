"""A person's triage from their records (person.triage): no diary entry can
lower a saved urgent or emergency assessment, and more red-flag entries never lower the level
the red-flag rules set."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.person_records import person_triage, stored
from tests.strategies import case_dicts, red_flag_rank

from triggermap.kb.levels import LEVEL_RANK
from triggermap.kb.loader import load_knowledge
from triggermap.person.records import SavedAssessment
from triggermap.progress.entries import DiaryEntry
from triggermap.reasoning.assessment import Assessment
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess

KB = load_knowledge()
FLAGS = sorted(s for s, e in KB.symptoms.items() if e.red_flag)
REGIONS = sorted(KB.regions)
SAVED_ON = datetime(2024, 3, 1, 9, tzinfo=UTC)
TODAY = date(2024, 6, 1)  # after every generated entry (up to 90 days after the assessment)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def entries(draw: Any) -> list[DiaryEntry]:
    """One to three diary entries after the assessment, each with a red flag."""
    out = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        out.append(
            DiaryEntry(
                day=date(2024, 3, 1) + timedelta(days=draw(st.integers(0, 90))),
                pain=draw(st.integers(0, 10)),
                regions=tuple(draw(st.lists(st.sampled_from(REGIONS), max_size=3, unique=True))),
                symptoms=tuple(draw(st.lists(st.sampled_from(FLAGS), min_size=1, max_size=2))),
                recorded_at=SAVED_ON + timedelta(days=1),
            )
        )
    return out


def saved(case: dict[str, Any]) -> tuple[SavedAssessment, Assessment]:
    result = assess(parse_case(case, KB), KB)
    return stored(KB, "a1", SAVED_ON, KB.version, case, result.to_json()), result


@SETTINGS
@given(case_dicts(KB), entries())
def test_no_diary_entry_lowers_a_saved_urgent_or_emergency(
    case: dict[str, Any], flagged: list[DiaryEntry]
) -> None:
    latest, result = saved(case)
    person = person_triage(flagged, latest, KB, today=TODAY, context=flagged)
    assert person is not None  # a red-flag entry always triages
    if result.triage.level in ("urgent", "emergency"):
        assert LEVEL_RANK[person.assessment.triage.level] >= LEVEL_RANK[result.triage.level]


@SETTINGS
@given(case_dicts(KB), entries(), entries())
def test_more_red_flag_entries_never_lower_the_red_flag_level(
    case: dict[str, Any], first: list[DiaryEntry], more: list[DiaryEntry]
) -> None:
    latest, _ = saved(case)
    before = person_triage(first, latest, KB, today=TODAY, context=first)
    after = person_triage(first + more, latest, KB, today=TODAY, context=first + more)
    assert before is not None and after is not None
    assert red_flag_rank(after.assessment, KB) >= red_flag_rank(before.assessment, KB)
