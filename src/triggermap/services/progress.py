"""Use case: a person's progress, with their triage first (`person.triage`).

The records are read once, in one transaction; the progress report (`progress.report`) and the
person's triage are both judged from them as of the day asked for (default: today), so every
command that shows a person's triage gives the same level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any

from triggermap.input_checks import check_day
from triggermap.person.triage import red_flag_ids, triage_person
from triggermap.progress.report import History, ProgressReport, analyse_progress
from triggermap.progress.thresholds import ProgressRules

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.person.records import Person, PersonRecords
    from triggermap.person.triage import PersonTriage
    from triggermap.services.application import Application


@dataclass(frozen=True)
class ProgressView:
    person: Person
    report: ProgressReport
    triage: PersonTriage | None
    history: History
    side: str | None = None  # the painful side the saved cases give (the charts paint it)

    def to_json(self) -> dict[str, Any]:
        from triggermap.progress.report_json import plain

        data: dict[str, Any] = {"triage": None if self.triage is None else self.triage.to_json()}
        data["person"] = plain(self.person)
        data.update(self.report.to_json())
        return data


def progress_report(
    app: Application, *, person: str, as_of: date | str | None = None
) -> ProgressView:
    """Progress as of `as_of` (default: today): a look back leaves out what was recorded after
    that day, assessments included."""
    today = app.today()
    day = today if as_of is None else check_day(as_of, "--as-of", today)
    records = app.store.read(lambda r: r.person_records(r.find_person(person).id))
    return judge_progress(records, app.kb, today=day, tz=app.tz)


def judge_progress(
    records: PersonRecords, kb: KnowledgeBase, *, today: date, tz: tzinfo
) -> ProgressView:
    """The progress report and the person's triage, both from the same records (pure)."""
    now = records.until(today, tz)
    history = History(
        diary=records.diary,
        peg=records.peg,
        sessions=records.sessions,
        plan=None if records.latest_plan is None else records.latest_plan.info(tz),
        saved=tuple(a.answers for a in now.assessments),
    )
    rules = ProgressRules.from_kb(kb)
    report = analyse_progress(history, today=today, red_flags=red_flag_ids(kb), rules=rules, tz=tz)
    triage = triage_person(records, kb, today=today, tz=tz)
    return ProgressView(records.person, report, triage, history, now.side())
