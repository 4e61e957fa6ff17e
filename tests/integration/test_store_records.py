"""The records services on a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text

from triggermap.errors import InputError, NotFoundError
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess
from triggermap.services import diary, people, plan, progress, session, transfer
from triggermap.services.application import Application, build_application
from triggermap.services.assess import assess_and_save
from triggermap.services.clock import FixedClock, SystemZone
from triggermap.store.engine import create_store_engine

TABLES = ("person", "assessment", "care_plan", "diary_entry", "peg_score", "self_care_session")
TODAY = date(2024, 6, 30)
NOON = datetime(2024, 6, 30, 12).astimezone(UTC)  # noon where the tests run
ASSESSED = datetime(2024, 6, 1, 9, tzinfo=UTC)
PLANNED = datetime(2024, 6, 21, 9).astimezone(UTC)  # 9 o'clock where the tests run
CASE = {"age": 53, "symptoms": ["worse_sitting"], "pain": {"regions": ["mid_buttock"]}}


def app_at(url: str, kb: KnowledgeBase, moment: datetime = NOON) -> Application:
    """The application on `url` with its clock stopped at `moment`, in this machine's zone."""
    return build_application(db_url=url, kb=kb, clock=FixedClock(moment), tz=SystemZone())


def counts(url: str) -> dict[str, int]:
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            return {
                t: int(connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
                for t in TABLES
            }
    finally:
        engine.dispose()


def person_with_everything(url: str, kb: KnowledgeBase) -> str:
    app = app_at(url, kb)
    pid = people.add_person(app, label="P-014", birth_year="1971", sex="female").id
    case = parse_case(CASE, kb)
    assess_and_save(app_at(url, kb, ASSESSED), person=pid, cases=[case], results=[assess(case, kb)])
    made = plan.make_plan(case, kb, today=PLANNED.date())
    plan.save_plan(app_at(url, kb, PLANNED), person=pid, plan=made.plan)
    for n in range(21):
        diary.add_diary_entry(
            app,
            person=pid,
            pain=7 - n // 7,
            regions=["mid_buttock"],
            symptoms=["worse_sitting"],
            note=f"day {n}",
            day=date(2024, 6, 1 + n),
            self_care=n % 2 == 0,
        )
    diary.add_peg(app, person=pid, pain=6, enjoyment=5, activity=7, day="2024-06-01")
    session.save_session(
        app,
        person=pid,
        started_at=datetime(2024, 6, 21, 18).astimezone(UTC),
        items_done=[made.plan.items[0].id],
        pain_after=3,
        note="Done 1 of 1.",
    )
    return pid


def test_a_person_and_everything_about_them(db_url: str, kb: KnowledgeBase) -> None:
    pid = person_with_everything(db_url, kb)
    shown = people.show_person(app_at(db_url, kb), person=pid)
    assert shown.records == {
        "assessments": 1,
        "care_plans": 1,
        "diary_entries": 21,
        "peg_scores": 1,
        "sessions": 1,
    }
    assert shown.latest_assessment is not None
    assert shown.latest_assessment.triage_level == assess(parse_case(CASE, kb), kb).triage.level
    history = progress.progress_report(app_at(db_url, kb), person=pid).history
    assert [e.pain for e in history.diary][:8] == [7] * 7 + [6]
    assert history.peg[0].score == 6.0
    assert history.sessions[0].plan_version == 1  # the latest plan when saved


def test_plans_are_versioned_per_person(db_url: str, kb: KnowledgeBase) -> None:
    app = app_at(db_url, kb)
    first = people.add_person(app, label="A").id
    second = people.add_person(app, label="B").id
    made = plan.make_plan(parse_case(CASE, kb), kb, today=TODAY).plan
    for pid in (first, first, second):
        plan.save_plan(app, person=pid, plan=made)
    for pid, version in ((first, 2), (second, 1)):
        latest = people.show_person(app, person=pid).latest_plan
        assert latest is not None and latest.version == version


def test_deleting_a_person_erases_everything_about_them(db_url: str, kb: KnowledgeBase) -> None:
    app = app_at(db_url, kb)
    keep = people.add_person(app, label="keep").id
    diary.add_diary_entry(app, person=keep, pain=3)
    pid = person_with_everything(db_url, kb)
    people.delete_person(app, person=pid)
    assert counts(db_url) == {**dict.fromkeys(TABLES, 0), "person": 1, "diary_entry": 1}
    with pytest.raises(NotFoundError, match=f"^person: no person with id or label '{pid}'"):
        people.show_person(app, person=pid)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pain": 11}, "pain: 11 is not in 0..10"),
        ({"regions": ["mid_buttock", "elbow"]}, "regions[1]: unknown region id 'elbow'"),
        (
            {"symptoms": ["leg_pain"]},
            "symptoms[0]: unknown symptom id 'leg_pain' "
            "(did you mean 'night_pain' or 'leg_swelling'?)",
        ),
        ({"day": "2024-07-01"}, "date: 2024-07-01 is in the future (today is 2024-06-30)"),
        ({"day": "yesterday"}, "date: 'yesterday' is not a date (YYYY-MM-DD)"),
    ],
)
def test_bad_diary_input_names_the_field_and_writes_nothing(
    sqlite_url: str, kb: KnowledgeBase, change: dict[str, Any], message: str
) -> None:
    app = app_at(sqlite_url, kb)
    pid = people.add_person(app, label="P").id
    before = counts(sqlite_url)
    args: dict[str, Any] = {"pain": 4, "regions": ["mid_buttock"], "day": "2024-06-29"}
    with pytest.raises(InputError) as error:
        diary.add_diary_entry(app, person=pid, **{**args, **change})
    assert str(error.value) == message
    assert counts(sqlite_url) == before


def test_unknown_person_is_not_found_and_writes_nothing(db_url: str, kb: KnowledgeBase) -> None:
    app = app_at(db_url, kb)
    people.add_person(app, label="P")
    before = counts(db_url)
    case = parse_case(CASE, kb)
    made = plan.make_plan(case, kb, today=TODAY).plan
    calls = [
        lambda: diary.add_diary_entry(app, person="nobody", pain=3),
        lambda: diary.add_peg(app, person="nobody", pain=1, enjoyment=1, activity=1),
        lambda: assess_and_save(app, person="nobody", cases=[case], results=[assess(case, kb)]),
        lambda: plan.save_plan(app, person="nobody", plan=made),
        lambda: session.save_session(app, person="nobody", started_at=NOON, items_done=[]),
        lambda: progress.progress_report(app, person="nobody"),
        lambda: people.delete_person(app, person="nobody"),
    ]
    for call in calls:
        with pytest.raises(NotFoundError, match=r"^person: no person with id or label 'nobody'"):
            call()
    assert counts(db_url) == before


def test_progress_reads_the_store(db_url: str, kb: KnowledgeBase) -> None:
    pid = person_with_everything(db_url, kb)
    view = progress.progress_report(app_at(db_url, kb), person=pid)
    assert view.triage is None
    assert view.report.pain is not None and view.report.pain.points == -2.0
    adherence = view.report.adherence  # since the plan: 10 days at 7 a week
    assert (adherence.days, adherence.planned) == ((date(2024, 6, 21), TODAY), 10.0)
    assert (adherence.sessions, adherence.days_done) == (1, 1)  # both on the 21st


def test_a_red_flag_in_the_diary_runs_triage_first(db_url: str, kb: KnowledgeBase) -> None:
    pid = person_with_everything(db_url, kb)
    app = app_at(db_url, kb)
    saved = diary.add_diary_entry(
        app, person=pid, pain=6, symptoms=["saddle_anaesthesia"], day="2024-06-22"
    )
    triage = saved.triage
    assert triage is not None and triage.assessment.triage.level == "emergency"
    assert triage.from_assessment and triage.case is not None and triage.case.age == 53
    view = progress.progress_report(app, person=pid)
    assert view.triage is not None and view.triage.assessment.triage.level == "emergency"
    assert view.report.escalations[0].reason == "red_flag"
    assert next(iter(view.to_json())) == "triage"


def test_a_red_flag_of_an_entry_not_saved_yet_is_triaged_as_the_saved_one_and_writes_nothing(
    db_url: str, kb: KnowledgeBase
) -> None:
    pid = person_with_everything(db_url, kb)
    app = app_at(db_url, kb)
    before = counts(db_url)
    unsaved = diary.triage_unsaved_entry(app, person=pid, symptoms=["saddle_anaesthesia"])
    assert counts(db_url) == before  # nothing written
    assert unsaved is not None and unsaved.assessment.triage.level == "emergency"
    plain = diary.triage_unsaved_entry(app, person=pid, symptoms=["worse_sitting"], pain="x")
    assert plain is None  # no red flag: nothing to triage at once
    saved = diary.add_diary_entry(app, person=pid, pain=0, symptoms=["saddle_anaesthesia"])
    assert saved.triage is not None
    assert saved.triage.assessment.triage.level == unsaved.assessment.triage.level
    assert saved.triage.cause == unsaved.cause


def test_export_import_round_trip_is_exact(db_url: str, sqlite_url: str, kb: KnowledgeBase) -> None:
    pid = person_with_everything(db_url, kb)
    exported = transfer.export_person(app_at(db_url, kb), person=pid)
    other = app_at(sqlite_url.replace("records.db", "other.db"), kb)
    assert transfer.import_person(other, text=exported).id == pid
    assert transfer.export_person(other, person=pid) == exported
    with pytest.raises(InputError, match=f"^person.id: '{pid}' already exists"):
        transfer.import_person(other, text=exported)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["diary"][3].update(pain=11), "diary[3].pain: 11 is not in 0..10"),
        (
            lambda d: d["diary"][0].update(regions=["elbow"]),
            "diary[0].regions[0]: unknown region id 'elbow'",
        ),
        (lambda d: d["diary"][1].update(day="2999-01-01"), "diary[1].day: 2999-01-01 is in"),
        (
            lambda d: d["diary"][2].update(day="1901-01-01"),
            "diary[2].day: 1901-01-01 is before the person's year of birth",
        ),
        (lambda d: d["peg"][0].update(score=9), "peg[0].score: 9 is not the mean 6.0"),
        (lambda d: d.update(format="other"), "format: 'other' is not 'triggermap.person'"),
        (lambda d: d["person"].pop("label"), "person.label: missing"),
        (lambda d: d["sessions"][0].update(extra=1), "sessions[0].extra: unknown field"),
        (lambda d: d["diary"].append(d["diary"][0]), "diary[21].id: "),
    ],
)
def test_a_malformed_import_names_the_field_and_writes_nothing(
    sqlite_url: str, kb: KnowledgeBase, edit: Any, message: str
) -> None:
    pid = person_with_everything(sqlite_url, kb)
    app = app_at(sqlite_url, kb)
    document = json.loads(transfer.export_person(app, person=pid))
    people.delete_person(app, person=pid)
    edit(document)
    with pytest.raises(InputError) as error:
        transfer.import_person(app, text=json.dumps(document))
    assert str(error.value).startswith(message)
    assert counts(sqlite_url) == dict.fromkeys(TABLES, 0)


def test_import_of_text_that_is_not_json(sqlite_url: str, kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match=r"^import: not valid JSON: "):
        transfer.import_person(app_at(sqlite_url, kb), text="{not json")


def test_an_entry_is_found_by_the_first_8_characters_of_its_id(
    db_url: str, kb: KnowledgeBase
) -> None:
    """`diary list` shows 8 characters of an id; they are enough to edit or delete that entry,
    and a start shared by two entries is refused rather than guessed."""
    app = app_at(db_url, kb)
    pid = people.add_person(app, label="P-020").id
    saved = [
        diary.add_diary_entry(app, person=pid, pain=p, day=date(2024, 6, d)).entry
        for p, d in ((6, 1), (5, 2))
    ]
    first, second = (s.id for s in saved)
    assert first is not None and second is not None
    edited = diary.edit_diary_entry(app, entry_id=first[:8], pain=3).entry
    assert (edited.id, edited.pain) == (first, 3)
    with pytest.raises(NotFoundError, match="first 8 characters are enough"):
        diary.edit_diary_entry(app, entry_id=first[:7], pain=2)
    deleted = diary.delete_diary_entry(app, entry_id=second[:8])
    assert deleted.id == second
    assert [e.id for e in diary.list_diary(app, person=pid)] == [first]


def test_an_id_start_shared_by_two_entries_is_refused(sqlite_url: str, kb: KnowledgeBase) -> None:
    app = app_at(sqlite_url, kb)
    pid = people.add_person(app, label="P-021").id
    for n in (1, 2):
        diary.add_diary_entry(app, person=pid, pain=4, day=date(2024, 6, n))
    engine = create_store_engine(sqlite_url)
    with engine.begin() as connection:  # two ids with one start, as chance could make them
        connection.execute(text("UPDATE diary_entry SET id = 'abcdef12' || substr(id, 9)"))
    engine.dispose()
    before = counts(sqlite_url)
    with pytest.raises(InputError, match="abcdef12 is the start of more than one entry's id"):
        diary.delete_diary_entry(app, entry_id="abcdef12")
    assert counts(sqlite_url) == before


def test_two_people_added_with_one_label_at_once_keep_it_to_one(
    db_url: str, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two requests adding the same label at the same moment both find it free; the database's
    unique index refuses the second as the check would have: one line, nothing written."""
    app = app_at(db_url, kb)
    people.add_person(app, label="P-014")
    from triggermap.store import people as stored

    monkeypatch.setattr(stored, "_by_label", lambda session, label: None)  # the race's check
    with pytest.raises(InputError, match=r"^label: 'P-014' is already used by another person"):
        people.add_person(app, label="P-014")
    assert counts(db_url)["person"] == 1
