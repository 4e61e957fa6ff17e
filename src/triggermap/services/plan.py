"""Use cases: a case in, its assessment, care plan and printable handout out; for a person, the
plan never falls below the triage of their records, and comes with their progress."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from triggermap.errors import InputError
from triggermap.kb.levels import rank
from triggermap.reasoning.case import Case

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.careplan.model import CarePlan
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.person.records import Person, PersonRecords, SavedPlan
    from triggermap.person.triage import Cause
    from triggermap.reasoning.assessment import Assessment
    from triggermap.services.application import Application
    from triggermap.services.ports import Records
    from triggermap.services.progress import ProgressView


@dataclass(frozen=True)
class PlanResult:
    case: Case
    assessment: Assessment
    plan: CarePlan
    handout: Handout
    person: Person | None = None
    raised_by: Cause | None = None  # what in the person's records raised the triage
    progress: ProgressView | None = None  # the person's progress, when a person is named
    notes: tuple[str, ...] = ()  # what in the case's preferences was not recognised


def read_one_case(app: Application, *, text: str) -> Case:
    """Parse JSON text holding exactly one case (the errors of `parse_case`, one line each)."""
    from triggermap.services.assess import parse_one_case

    return parse_one_case(text, app.kb)


def plan_for_case(app: Application, *, case: Case, today: date | str | None = None) -> PlanResult:
    """The plan for a case on `today` (default: today)."""
    return make_plan(case, app.kb, today=plan_day(app, today))


def plan_day(app: Application, day: date | str | None) -> date:
    """The plan's date: today, or the day given (`YYYY-MM-DD`, the one rule for every date:
    1900 or later, not in the future; `input_checks.check_day`)."""
    from triggermap.input_checks import check_day

    today = app.today()
    return today if day is None else check_day(day, "--date", today)


def plan_for_person(
    app: Application, *, person: str, case: Case | None = None, today: date | str | None = None
) -> PlanResult:
    """The plan for `case` (default: the person's latest saved case), never below the person's
    triage from their records (red flags no assessment has rechecked, or an urgent or
    emergency saved assessment): when that is higher it replaces the case's triage, so the
    plan holds no self-treatment the records rule out; `raised_by` then names what raised it.
    The person's records are read once and judged once."""
    from triggermap.services.progress import judge_progress

    day = plan_day(app, today)
    records = app.store.read(lambda r: r.person_records(r.find_person(person).id))
    view = judge_progress(records, app.kb, today=day, tz=app.tz)
    chosen = case if case is not None else latest_case(records)
    floor = None if view.triage is None else view.triage.assessment
    result = replace(make_plan(chosen, app.kb, today=day, floor=floor), person=records.person)
    result = replace(result, progress=view)
    if view.triage is not None and result.assessment.triage is view.triage.assessment.triage:
        return replace(result, raised_by=view.triage.cause)
    return result


def latest_case(records: PersonRecords) -> Case:
    """The case of the person's latest saved assessment, or an InputError saying what to do."""
    label = records.person.label
    if not records.assessments:
        raise InputError(
            f"--input: {label} has no saved assessment yet; give a case with --input, or save "
            f"one first with: triggermap assess --interactive --save --person {label}"
        )
    latest = records.assessments[-1]
    if not isinstance(latest.case, Case):
        raise InputError(
            f"--input: the latest saved case of {label} no longer reads ({latest.case.reason}); "
            "give a case with --input"
        )
    return latest.case


def make_plan(
    case: Case, kb: KnowledgeBase, *, today: date, floor: Assessment | None = None
) -> PlanResult:
    """Assess the case and build its plan (pure); a `floor` assessment whose triage is higher
    replaces the case's triage (the level, its reasons and its safety net)."""
    from triggermap.careplan import generate_care_plan
    from triggermap.careplan.handout import build_handout
    from triggermap.careplan.safety import unrecognised_preferences
    from triggermap.reasoning.engine import assess

    assessment = assess(case, kb)
    if floor is not None and rank(floor.triage.level) > rank(assessment.triage.level):
        assessment = assessment.model_copy(update={"triage": floor.triage})
    plan = generate_care_plan(case=case, assessment=assessment, kb=kb, today=today)
    handout = build_handout(plan=plan, case=case, assessment=assessment, kb=kb, today=today)
    notes = tuple(unrecognised_preferences(case, kb))
    return PlanResult(case=case, assessment=assessment, plan=plan, handout=handout, notes=notes)


def signed_handout(
    result: PlanResult, *, clinician: str | None = None, note: str | None = None
) -> Handout:
    """The plan's handout with the person's label (else the case's id), the clinician's name
    (one line, at most 80 characters) and a note (at most 600)."""
    from triggermap.input_checks import check_printed_line

    label = result.person.label if result.person is not None else result.case.id
    return replace(
        result.handout,
        patient_label=label,
        clinician=check_printed_line(clinician, "--clinician", CLINICIAN_MAX_CHARS),
        note=check_printed_line(note, "--note", NOTE_MAX_CHARS),
    )


CLINICIAN_MAX_CHARS = 80
NOTE_MAX_CHARS = 600


def save_plan(app: Application, *, person: str, plan: CarePlan) -> SavedPlan:
    """Store a care plan as the person's next version (1, 2, ...)."""
    from triggermap.person.records import SavedPlan
    from triggermap.services.ids import new_record_id
    from triggermap.store.saved import planned_sessions_per_week

    def work(records: Records) -> SavedPlan:
        found = records.find_person(person, lock=True)
        saved = SavedPlan(
            id=new_record_id(),
            version=records.next_plan_version(found.id),
            created_at=app.now(),
            knowledge_version=plan.knowledge_version,
            plan=plan,
            sessions_per_week=planned_sessions_per_week(plan.to_json()),
        )
        records.add_plan(found.id, saved)
        return saved

    return app.store.write(work)
