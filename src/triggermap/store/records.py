"""One person's records: assessments, care plans, diary, PEG scores and self-care sessions.

Functions take an open `Session` (see `store.transactions`) and speak in the core's frozen
values (`progress.entries`); rows never leave this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from triggermap.errors import InputError
from triggermap.progress.entries import DiaryEntry, PegScore, SelfCareSession
from triggermap.store import tables as t
from triggermap.store.people import is_record_id


@dataclass(frozen=True, slots=True)
class StoredAssessment:
    id: str
    created_at: datetime
    knowledge_version: str
    case: dict[str, Any]
    result: dict[str, Any]


@dataclass(frozen=True, slots=True)
class StoredPlan:
    id: str
    version: int
    created_at: datetime
    knowledge_version: str
    plan: dict[str, Any]


# ---------------------------------------------------------------- assessments and plans


def add_assessment(session: Session, person_id: str, record: StoredAssessment) -> str:
    session.add(
        t.Assessment(
            id=record.id,
            person_id=person_id,
            created_at=record.created_at,
            knowledge_version=record.knowledge_version,
            case=record.case,
            result=record.result,
        )
    )
    session.flush()
    return record.id


def assessments(session: Session, person_id: str) -> list[StoredAssessment]:
    query = (
        select(t.Assessment)
        .where(t.Assessment.person_id == person_id)
        .order_by(t.Assessment.created_at, t.Assessment.id)
    )
    return [_assessment(a) for a in session.scalars(query)]


def latest_assessment(session: Session, person_id: str) -> StoredAssessment | None:
    query = (
        select(t.Assessment)
        .where(t.Assessment.person_id == person_id)
        .order_by(t.Assessment.created_at.desc(), t.Assessment.id.desc())
        .limit(1)
    )
    a = session.scalars(query).first()
    return None if a is None else _assessment(a)


def _assessment(a: t.Assessment) -> StoredAssessment:
    return StoredAssessment(a.id, a.created_at, a.knowledge_version, a.case, a.result)


def next_plan_version(session: Session, person_id: str) -> int:
    query = select(func.max(t.CarePlan.version)).where(t.CarePlan.person_id == person_id)
    return int(session.scalar(query) or 0) + 1


def add_plan(session: Session, person_id: str, record: StoredPlan) -> str:
    session.add(
        t.CarePlan(
            id=record.id,
            person_id=person_id,
            version=record.version,
            created_at=record.created_at,
            knowledge_version=record.knowledge_version,
            plan=record.plan,
        )
    )
    session.flush()
    return record.id


def plans(session: Session, person_id: str) -> list[StoredPlan]:
    query = select(t.CarePlan).where(t.CarePlan.person_id == person_id).order_by(t.CarePlan.version)
    return [_plan(p) for p in session.scalars(query)]


def latest_plan(session: Session, person_id: str) -> StoredPlan | None:
    query = (
        select(t.CarePlan)
        .where(t.CarePlan.person_id == person_id)
        .order_by(t.CarePlan.version.desc())
        .limit(1)
    )
    p = session.scalars(query).first()
    return None if p is None else _plan(p)


def _plan(p: t.CarePlan) -> StoredPlan:
    return StoredPlan(p.id, p.version, p.created_at, p.knowledge_version, p.plan)


# ---------------------------------------------------------------- diary, PEG, sessions


def add_diary_entries(session: Session, person_id: str, entries: list[DiaryEntry]) -> None:
    """Insert entries that carry their id and recorded_at (one executemany)."""
    if entries:
        session.execute(insert(t.DiaryEntry), [_diary_row(person_id, e) for e in entries])


def _diary_row(person_id: str, entry: DiaryEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "person_id": person_id,
        "entry_date": entry.day,
        "recorded_at": entry.recorded_at,
        "pain": entry.pain,
        "regions": list(entry.regions),
        "symptoms": list(entry.symptoms),
        "note": entry.note,
        "self_care": entry.self_care,
    }


def diary_entries(session: Session, person_id: str) -> list[DiaryEntry]:
    """Oldest first: by date, then by the time each was recorded."""
    d = t.DiaryEntry
    query = (
        select(
            d.id, d.entry_date, d.recorded_at, d.pain, d.regions, d.symptoms, d.note, d.self_care
        )
        .where(d.person_id == person_id)
        .order_by(d.entry_date, d.recorded_at, d.id)
    )
    return [
        DiaryEntry(
            day=row.entry_date,
            pain=row.pain,
            regions=tuple(row.regions),
            symptoms=tuple(row.symptoms),
            note=row.note,
            self_care=row.self_care,
            id=row.id,
            recorded_at=row.recorded_at,
        )
        for row in session.execute(query)
    ]


def add_peg_scores(session: Session, person_id: str, scores: list[PegScore]) -> None:
    if scores:
        session.execute(
            insert(t.PegScore),
            [
                {
                    "id": s.id,
                    "person_id": person_id,
                    "entry_date": s.day,
                    "recorded_at": s.recorded_at,
                    "pain": s.pain,
                    "enjoyment": s.enjoyment,
                    "activity": s.activity,
                }
                for s in scores
            ],
        )


def peg_scores(session: Session, person_id: str) -> list[PegScore]:
    p = t.PegScore
    query = (
        select(p.id, p.entry_date, p.recorded_at, p.pain, p.enjoyment, p.activity)
        .where(p.person_id == person_id)
        .order_by(p.entry_date, p.recorded_at, p.id)
    )
    return [
        PegScore(row.entry_date, row.pain, row.enjoyment, row.activity, row.id, row.recorded_at)
        for row in session.execute(query)
    ]


def add_sessions(session: Session, person_id: str, done: list[SelfCareSession]) -> None:
    if done:
        session.execute(
            insert(t.SelfCareSession),
            [
                {
                    "id": s.id,
                    "person_id": person_id,
                    "started_at": s.started_at,
                    "recorded_at": s.recorded_at,
                    "plan_version": s.plan_version,
                    "items_done": list(s.items_done),
                    "pain_after": s.pain_after,
                    "note": s.note,
                }
                for s in done
            ],
        )


def sessions(session: Session, person_id: str) -> list[SelfCareSession]:
    s = t.SelfCareSession
    query = select(s).where(s.person_id == person_id).order_by(s.started_at, s.id)
    return [
        SelfCareSession(
            started_at=row.started_at,
            items_done=tuple(row.items_done),
            pain_after=row.pain_after,
            plan_version=row.plan_version,
            note=row.note,
            id=row.id,
            recorded_at=row.recorded_at,
        )
        for row in session.scalars(query)
    ]


# ---------------------------------------------------------------- one entry by its id


SHORTEST_PREFIX = 8  # `diary list` shows this many characters of an entry's id


def find_diary_entry(session: Session, entry_id: str) -> tuple[str, DiaryEntry] | None:
    """(person id, entry) for the diary entry with this id, or with an id that starts with it
    (at least 8 characters, as `diary list` shows them, and only one entry may match), or None
    (text that cannot be an id is not looked up)."""
    if not is_record_id(entry_id):
        return None
    row = session.get(t.DiaryEntry, entry_id)
    if row is None and len(entry_id) >= SHORTEST_PREFIX:
        rows = session.scalars(
            select(t.DiaryEntry)
            .where(t.DiaryEntry.id.startswith(entry_id, autoescape=True))
            .limit(2)
        ).all()
        if len(rows) > 1:
            raise InputError(
                f"entry: {entry_id} is the start of more than one entry's id; give the whole id"
            )
        row = rows[0] if rows else None
    if row is None:
        return None
    entry = DiaryEntry(
        day=row.entry_date,
        pain=row.pain,
        regions=tuple(row.regions),
        symptoms=tuple(row.symptoms),
        note=row.note,
        self_care=row.self_care,
        id=row.id,
        recorded_at=row.recorded_at,
    )
    return row.person_id, entry


def replace_diary_entry(session: Session, entry: DiaryEntry) -> None:
    """Overwrite the stored entry of the same id with `entry` (its recorded_at included)."""
    row = session.get(t.DiaryEntry, entry.id)
    assert row is not None and entry.recorded_at is not None
    row.entry_date, row.recorded_at, row.pain = entry.day, entry.recorded_at, entry.pain
    row.regions, row.symptoms = list(entry.regions), list(entry.symptoms)
    row.note, row.self_care = entry.note, entry.self_care
    session.flush()


def delete_diary_entry(session: Session, entry_id: str) -> None:
    session.execute(delete(t.DiaryEntry).where(t.DiaryEntry.id == entry_id))


def find_peg_score(session: Session, score_id: str) -> tuple[str, PegScore] | None:
    row = session.get(t.PegScore, score_id) if is_record_id(score_id) else None
    if row is None:
        return None
    score = PegScore(row.entry_date, row.pain, row.enjoyment, row.activity, row.id, row.recorded_at)
    return row.person_id, score


def replace_peg_score(session: Session, score: PegScore) -> None:
    row = session.get(t.PegScore, score.id)
    assert row is not None and score.recorded_at is not None
    row.entry_date, row.recorded_at = score.day, score.recorded_at
    row.pain, row.enjoyment, row.activity = score.pain, score.enjoyment, score.activity
    session.flush()


def delete_peg_score(session: Session, score_id: str) -> None:
    session.execute(delete(t.PegScore).where(t.PegScore.id == score_id))
