"""Building blocks for tests of a person's triage: saved assessments as the store gives them,
and the triage of records selected by hand."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from triggermap.kb.loader import KnowledgeBase
from triggermap.person.records import SavedAssessment
from triggermap.person.triage import PersonTriage, RecordsToday, triage_of
from triggermap.progress.entries import DiaryEntry
from triggermap.services.clock import SystemZone
from triggermap.store.saved import saved_assessment

ZONE = SystemZone()  # the machine's zone, as the command line uses


def stored(
    kb: KnowledgeBase,
    id: str,
    at: datetime,
    version: str,
    case: Any,
    result: Any,
) -> SavedAssessment:
    """A saved assessment as it leaves the store (`store.saved`), from its stored JSON."""
    return saved_assessment(
        id=id, created_at=at, knowledge_version=version, case=case, result=result, kb=kb
    )


def person_triage(
    flagged: Sequence[DiaryEntry],
    latest: SavedAssessment | None,
    kb: KnowledgeBase,
    *,
    today: date,
    context: Sequence[DiaryEntry] = (),
    earlier: Sequence[SavedAssessment] = (),
    birth_year: int | None = None,
) -> PersonTriage | None:
    """The triage of records chosen by hand (`earlier`: newest first)."""
    view = RecordsToday(
        today=today,
        flagged=tuple(flagged),
        context=tuple(context),
        latest=latest,
        earlier=tuple(earlier),
        birth_year=birth_year,
    )
    return triage_of(view, kb, tz=ZONE)
