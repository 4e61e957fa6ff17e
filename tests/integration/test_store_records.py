"""The records services on a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text

from triggermap.errors import InputError, NotFoundError
from triggermap.kb.loader import KnowledgeBase
from triggermap.services import diary, records, track, transfer
from triggermap.store.engine import create_store_engine

TABLES = ("person", "assessment", "care_plan", "diary_entry", "peg_score", "self_care_session")
TODAY = date(2024, 6, 30)
ASSESSED = datetime(2024, 6, 1, 9, tzinfo=UTC)
PLANNED = datetime(2024, 6, 21, 9).astimezone(UTC)  # 9 o'clock where the tests run


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
    pid = records.add_person(db_url=url, label="P-014", birth_year="1971", sex="female", kb=kb)
    records.save_assessment(
        db_url=url,
        person_id=pid,
        case={"age": 53, "symptoms": ["worse_sitting"]},
        assessment={"triage": {"level": "self_care"}},
        knowledge_version=kb.version,
    )
    plan = {"items": [{"id": "stretch", "dose": {"days_per_week": 7}}]}
    records.save_plan(
        db_url=url, person_id=pid, plan=plan, knowledge_version=kb.version, now=PLANNED
    )
    for n in range(21):
        diary.add_diary_entry(
            db_url=url,
            person_id=pid,
            pain=7 - n // 7,
            regions=["mid_buttock"],
            symptoms=["worse_sitting"],
            note=f"day {n}",
            day=date(2024, 6, 1 + n),
            self_care=n % 2 == 0,
            kb=kb,
            today=TODAY,
        )
    diary.add_peg(
        db_url=url, person_id=pid, pain=6, enjoyment=5, activity=7, day="2024-06-01", today=TODAY
    )
    records.save_session(
        db_url=url,
        person_id=pid,
        session={
            "started_at": datetime(2024, 6, 21, 18).astimezone(UTC).isoformat(),
            "items_done": ["stretch"],
            "pain_after": 3,
            "note": "Done 1 of 1.",
        },
    )
    return pid


def test_a_person_and_everything_about_them(db_url: str, kb: KnowledgeBase) -> None:
    pid = person_with_everything(db_url, kb)
    shown = records.show_person(db_url=db_url, person_id=pid)
    assert shown["records"] == {
        "assessments": 1,
        "care_plans": 1,
        "diary_entries": 21,
        "peg_scores": 1,
        "sessions": 1,
    }
    assert shown["latest_assessment"]["triage_level"] == "self_care"
    history = track.progress_report(db_url=db_url, person_id=pid, kb=kb).history
    assert [e.pain for e in history.diary][:8] == [7] * 7 + [6]
    assert history.peg[0].score == 6.0
    assert history.sessions[0].plan_version == 1  # the latest plan when saved


def test_plans_are_versioned_per_person(db_url: str, kb: KnowledgeBase) -> None:
    first = records.add_person(db_url=db_url, label="A", kb=kb)
    second = records.add_person(db_url=db_url, label="B", kb=kb)
    for pid in (first, first, second):
        records.save_plan(db_url=db_url, person_id=pid, plan={"items": []}, knowledge_version="k")
    assert records.show_person(db_url=db_url, person_id=first)["latest_plan"]["version"] == 2
    assert records.show_person(db_url=db_url, person_id=second)["latest_plan"]["version"] == 1


def test_deleting_a_person_erases_everything_about_them(db_url: str, kb: KnowledgeBase) -> None:
    keep = records.add_person(db_url=db_url, label="keep", kb=kb)
    diary.add_diary_entry(db_url=db_url, person_id=keep, pain=3, kb=kb, today=TODAY)
    pid = person_with_everything(db_url, kb)
    records.delete_person(db_url=db_url, person_id=pid)
    assert counts(db_url) == {**dict.fromkeys(TABLES, 0), "person": 1, "diary_entry": 1}
    with pytest.raises(NotFoundError, match=f"^person: no person with id '{pid}'$"):
        records.show_person(db_url=db_url, person_id=pid)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pain": 11}, "pain: 11 is not in 0..10"),
        ({"regions": ["mid_buttock", "elbow"]}, "regions[1]: unknown region id 'elbow'"),
        ({"symptoms": ["leg_pain"]}, "symptoms[0]: unknown symptom id 'leg_pain'"),
        ({"day": "2024-07-01"}, "date: 2024-07-01 is in the future (today is 2024-06-30)"),
        ({"day": "yesterday"}, "date: 'yesterday' is not a date (YYYY-MM-DD)"),
    ],
)
def test_bad_diary_input_names_the_field_and_writes_nothing(
    sqlite_url: str, kb: KnowledgeBase, change: dict[str, Any], message: str
) -> None:
    pid = records.add_person(db_url=sqlite_url, label="P", kb=kb)
    before = counts(sqlite_url)
    args: dict[str, Any] = {"pain": 4, "regions": ["mid_buttock"], "day": "2024-06-29"}
    with pytest.raises(InputError) as error:
        diary.add_diary_entry(
            db_url=sqlite_url, person_id=pid, kb=kb, today=TODAY, **{**args, **change}
        )
    assert str(error.value) == message
    assert counts(sqlite_url) == before


def test_unknown_person_is_not_found_and_writes_nothing(db_url: str, kb: KnowledgeBase) -> None:
    records.add_person(db_url=db_url, label="P", kb=kb)
    before = counts(db_url)
    calls = [
        lambda: diary.add_diary_entry(db_url=db_url, person_id="nobody", pain=3, kb=kb),
        lambda: diary.add_peg(db_url=db_url, person_id="nobody", pain=1, enjoyment=1, activity=1),
        lambda: records.save_assessment(
            db_url=db_url, person_id="nobody", case={}, assessment={}, knowledge_version="k"
        ),
        lambda: records.save_plan(
            db_url=db_url, person_id="nobody", plan={}, knowledge_version="k"
        ),
        lambda: records.save_session(db_url=db_url, person_id="nobody", session={}),
        lambda: track.progress_report(db_url=db_url, person_id="nobody", kb=kb),
        lambda: records.delete_person(db_url=db_url, person_id="nobody"),
    ]
    for call in calls:
        with pytest.raises(NotFoundError, match=r"^person: no person with id 'nobody'$"):
            call()
    assert counts(db_url) == before


def test_progress_reads_the_store(db_url: str, kb: KnowledgeBase) -> None:
    pid = person_with_everything(db_url, kb)
    view = track.progress_report(db_url=db_url, person_id=pid, today=TODAY, kb=kb)
    assert view.triage is None
    assert view.report.pain is not None and view.report.pain.points == -2.0
    adherence = view.report.adherence  # since the plan: 10 days at 7 a week
    assert (adherence.days, adherence.planned) == ((date(2024, 6, 21), TODAY), 10.0)
    assert (adherence.sessions, adherence.days_done) == (1, 1)  # both on the 21st


def test_a_red_flag_in_the_diary_runs_triage_first(db_url: str, kb: KnowledgeBase) -> None:
    pid = person_with_everything(db_url, kb)
    entry = diary.add_diary_entry(
        db_url=db_url,
        person_id=pid,
        pain=6,
        symptoms=["saddle_anaesthesia"],
        kb=kb,
        today=TODAY,
        day="2024-06-22",
    )
    triage = track.triage_diary_entry(db_url=db_url, person_id=pid, entry=entry, kb=kb)
    assert triage is not None and triage.assessment.triage.level == "emergency"
    assert triage.from_assessment and triage.case["age"] == 53
    view = track.progress_report(db_url=db_url, person_id=pid, today=TODAY, kb=kb)
    assert view.triage is not None and view.triage.assessment.triage.level == "emergency"
    assert view.report.escalations[0].reason == "red_flag"
    assert next(iter(view.to_json())) == "triage"


def test_export_import_round_trip_is_exact(db_url: str, sqlite_url: str, kb: KnowledgeBase) -> None:
    pid = person_with_everything(db_url, kb)
    exported = transfer.export_text(transfer.export_person(db_url=db_url, person_id=pid))
    other = sqlite_url.replace("records.db", "other.db")
    assert transfer.import_person(db_url=other, text=exported, kb=kb) == pid
    again = transfer.export_text(transfer.export_person(db_url=other, person_id=pid))
    assert again == exported
    with pytest.raises(InputError, match=f"^person.id: '{pid}' already exists"):
        transfer.import_person(db_url=other, text=exported, kb=kb)


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
    document = transfer.export_person(db_url=sqlite_url, person_id=pid)
    records.delete_person(db_url=sqlite_url, person_id=pid)
    edit(document)
    with pytest.raises(InputError) as error:
        transfer.import_person(db_url=sqlite_url, text=json.dumps(document), kb=kb)
    assert str(error.value).startswith(message)
    assert counts(sqlite_url) == dict.fromkeys(TABLES, 0)


def test_import_of_text_that_is_not_json(sqlite_url: str, kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match=r"^import: not valid JSON: "):
        transfer.import_person(db_url=sqlite_url, text="{not json", kb=kb)
