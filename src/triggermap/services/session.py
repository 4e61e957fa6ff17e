"""Use cases for the day's self-care session: the routine to do, and saving what was done."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from triggermap.input_checks import check_time, check_version
from triggermap.progress.entries import SelfCareSession, check_note, check_score
from triggermap.services.ids import new_record_id

if TYPE_CHECKING:
    from triggermap.careplan.routine import RoutineStep
    from triggermap.services.application import Application
    from triggermap.services.plan import PlanResult
    from triggermap.services.ports import Records


def routine_of(result: PlanResult) -> tuple[RoutineStep, ...]:
    """The day's routine of a plan, step by step (empty when the plan says to seek care now)."""
    from triggermap.careplan.routine import build_routine

    if result.plan.triage.seek_care_now:
        return ()
    return build_routine(result.plan)


def save_session(
    app: Application,
    *,
    person: str,
    started_at: datetime,
    items_done: Sequence[str],
    pain_after: int | None = None,
    note: str | None = None,
    plan_version: int | None = None,
) -> SelfCareSession:
    """Store a self-care session; without `plan_version` it belongs to the person's latest
    plan."""
    now = app.now()
    if plan_version is not None:
        plan_version = check_version(plan_version, "session.plan_version")
    session = SelfCareSession(
        started_at=check_time(started_at, "session.started_at", now),
        items_done=tuple(dict.fromkeys(items_done)),
        pain_after=None if pain_after is None else check_score(pain_after, "session.pain_after"),
        plan_version=plan_version,
        note=check_note(note, "session.note"),
    )

    def work(records: Records) -> SelfCareSession:
        found = records.find_person(person)
        version = session.plan_version
        if version is None:
            latest = records.latest_plan(found.id)
            version = None if latest is None else latest.version
        done = SelfCareSession(
            started_at=session.started_at,
            items_done=session.items_done,
            pain_after=session.pain_after,
            plan_version=version,
            note=session.note,
            id=new_record_id(),
            recorded_at=now,
        )
        records.add_session(found.id, done)
        return done

    return app.store.write(work)


def routine_minutes(routine: tuple[RoutineStep, ...]) -> int:
    """About how many minutes the routine takes (at least 1)."""
    from triggermap.careplan.routine import estimated_seconds

    return max(1, round(estimated_seconds(routine) / 60))


def routine_has_sides(routine: tuple[RoutineStep, ...]) -> bool:
    """Does any exercise have a dose for each side (left first, then right)?"""
    from triggermap.careplan.routine import has_sides

    return has_sides(routine)
