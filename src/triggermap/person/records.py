"""What is recorded about one person, as typed values: parsed once, where they leave the store.

A stored case, result or plan that today's knowledge base no longer reads is an
`OutdatedRecord`, never a raw JSON object: the core and the services see only typed values.
What the triage must not lose from such a record (the symptoms its case answered, the level its
result gave, how often its plan asked for self-care) is read as far as it can be, at the edge,
into the fields beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from triggermap.progress.adherence import PlanInfo
from triggermap.progress.entries import DiaryEntry, PegScore, SelfCareSession, local_day
from triggermap.progress.red_flags import SavedAnswers

if TYPE_CHECKING:
    from datetime import date, tzinfo

    from triggermap.careplan.model import CarePlan
    from triggermap.reasoning.assessment import Assessment, Triage
    from triggermap.reasoning.case import Case

LABEL_MAX_CHARS = 200  # a person's label is pseudonymous: not a name or a note
EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True, slots=True)
class OutdatedRecord:
    """A stored record that no longer parses with today's knowledge base (`reason`: why)."""

    reason: str


@dataclass(frozen=True, slots=True)
class Person:
    """Pseudonymous by default: a label, an optional year of birth and sex."""

    id: str
    label: str
    birth_year: int | None
    sex: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SavedAssessment:
    id: str
    created_at: datetime
    knowledge_version: str
    case: Case | OutdatedRecord
    result: Assessment | OutdatedRecord
    answers: SavedAnswers  # what its case answered about symptoms (read even when outdated)
    triage: Triage | None  # the triage it was saved with, read as far as it can be


@dataclass(frozen=True, slots=True)
class SavedPlan:
    id: str
    version: int
    created_at: datetime
    knowledge_version: str
    plan: CarePlan | OutdatedRecord
    sessions_per_week: float | None  # self-care days a week it asks for (read even when outdated)

    def info(self, tz: tzinfo) -> PlanInfo:
        """What progress needs from it."""
        return PlanInfo(self.version, local_day(self.created_at, tz), self.sessions_per_week)


@dataclass(frozen=True, slots=True)
class PersonRecords:
    """Everything a person's triage and progress read, oldest first, from one transaction."""

    person: Person
    assessments: tuple[SavedAssessment, ...] = ()
    latest_plan: SavedPlan | None = None
    diary: tuple[DiaryEntry, ...] = ()
    peg: tuple[PegScore, ...] = ()
    sessions: tuple[SelfCareSession, ...] = ()

    def side(self) -> str | None:
        """The painful side the newest saved case that records one gives (None: never said)."""
        for saved in reversed(self.assessments):
            side = getattr(saved.case, "side", None)
            if side not in (None, "unknown"):
                return str(side)
        return None

    def until(self, day: date, tz: tzinfo) -> PersonRecords:
        """The records as they stood at the end of `day` (a local day): later assessments and
        diary entries left out (a look back)."""
        return PersonRecords(
            person=self.person,
            assessments=tuple(a for a in self.assessments if local_day(a.created_at, tz) <= day),
            latest_plan=self.latest_plan,
            diary=tuple(e for e in self.diary if e.day <= day),
            peg=self.peg,
            sessions=self.sessions,
        )
