"""A person and everything recorded about them, as one JSON document (export and import).

    {"format": "triggermap.person", "version": 1,
     "person": {id, label, birth_year, sex, created_at},
     "assessments": [{id, created_at, knowledge_version, case, result}],
     "care_plans": [{id, version, created_at, knowledge_version, plan}],
     "diary": [{id, day, recorded_at, pain, regions, symptoms, note, self_care}],
     "peg": [{id, day, recorded_at, pain, enjoyment, activity, score}],
     "sessions": [{id, started_at, recorded_at, plan_version, items_done, pain_after, note}]}

Lists are oldest first and every id and time is kept, so export -> import into an empty
database -> export gives the same document. `snapshot_parse.parse_snapshot` checks one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from triggermap.person.records import Person
from triggermap.progress.entries import DiaryEntry, PegScore, SelfCareSession
from triggermap.store import people, records
from triggermap.store.records import StoredAssessment, StoredPlan

FORMAT = "triggermap.person"
VERSION = 2  # 2: diary and PEG days are `day` (version 1 said `date`; still read)


@dataclass(frozen=True, slots=True)
class Snapshot:
    person: Person
    assessments: tuple[StoredAssessment, ...]
    care_plans: tuple[StoredPlan, ...]
    diary: tuple[DiaryEntry, ...]
    peg: tuple[PegScore, ...]
    sessions: tuple[SelfCareSession, ...]


def read_snapshot(session: Session, person_id: str) -> Snapshot:
    return Snapshot(
        person=people.require_person(session, person_id),
        assessments=tuple(records.assessments(session, person_id)),
        care_plans=tuple(records.plans(session, person_id)),
        diary=tuple(records.diary_entries(session, person_id)),
        peg=tuple(records.peg_scores(session, person_id)),
        sessions=tuple(records.sessions(session, person_id)),
    )


def write_snapshot(session: Session, snapshot: Snapshot) -> str:
    person_id = people.add_person(session, snapshot.person)
    for assessment in snapshot.assessments:
        records.add_assessment(session, person_id, assessment)
    for plan in snapshot.care_plans:
        records.add_plan(session, person_id, plan)
    records.add_diary_entries(session, person_id, list(snapshot.diary))
    records.add_peg_scores(session, person_id, list(snapshot.peg))
    records.add_sessions(session, person_id, list(snapshot.sessions))
    return person_id


def snapshot_to_json(snapshot: Snapshot) -> dict[str, Any]:
    p = snapshot.person
    return {
        "format": FORMAT,
        "version": VERSION,
        "person": {
            "id": p.id,
            "label": p.label,
            "birth_year": p.birth_year,
            "sex": p.sex,
            "created_at": _time(p.created_at),
        },
        "assessments": [
            {
                "id": a.id,
                "created_at": _time(a.created_at),
                "knowledge_version": a.knowledge_version,
                "case": a.case,
                "result": a.result,
            }
            for a in snapshot.assessments
        ],
        "care_plans": [
            {
                "id": c.id,
                "version": c.version,
                "created_at": _time(c.created_at),
                "knowledge_version": c.knowledge_version,
                "plan": c.plan,
            }
            for c in snapshot.care_plans
        ],
        "diary": [_diary(e) for e in snapshot.diary],
        "peg": [_peg(s) for s in snapshot.peg],
        "sessions": [_session(s) for s in snapshot.sessions],
    }


def _diary(e: DiaryEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "day": e.day.isoformat(),
        "recorded_at": _time(e.recorded_at),
        "pain": e.pain,
        "regions": list(e.regions),
        "symptoms": list(e.symptoms),
        "note": e.note,
        "self_care": e.self_care,
    }


def _peg(s: PegScore) -> dict[str, Any]:
    return {
        "id": s.id,
        "day": s.day.isoformat(),
        "recorded_at": _time(s.recorded_at),
        "pain": s.pain,
        "enjoyment": s.enjoyment,
        "activity": s.activity,
        "score": s.score,
    }


def _session(s: SelfCareSession) -> dict[str, Any]:
    return {
        "id": s.id,
        "started_at": _time(s.started_at),
        "recorded_at": _time(s.recorded_at),
        "plan_version": s.plan_version,
        "items_done": list(s.items_done),
        "pain_after": s.pain_after,
        "note": s.note,
    }


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
