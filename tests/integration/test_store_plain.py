"""The records over the standard library's sqlite3 (`store.sqlite_records`) read and write the
same values as the SQLAlchemy store, run only what they implement, and hand everything else
(another method, a locked or unusual database) to the SQLAlchemy store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from test_store_records import app_at, person_with_everything  # the same folder

from triggermap.errors import NotFoundError
from triggermap.kb.loader import KnowledgeBase
from triggermap.services import diary, people
from triggermap.services.application import Application
from triggermap.store import sqlite_records
from triggermap.store.opening import close_stores
from triggermap.store.urls import plain_sqlite_file


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each unit of work ran over sqlite3 (True) or went to SQLAlchemy (False)."""
    seen: list[bool] = []
    real = sqlite_records.run_plain

    def spy(*args: Any, **kwargs: Any) -> tuple[bool, Any]:
        try:
            ran, result = real(*args, **kwargs)
        except Exception:
            seen.append(True)  # the work ran here and refused on purpose
            raise
        seen.append(ran)
        return ran, result

    monkeypatch.setattr(sqlite_records, "run_plain", spy)
    yield seen


def without_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite_records, "run_plain", lambda *_, **__: (False, None))


def records_of(app: Application, pid: str) -> Any:
    return app.store.read(lambda r: r.person_records(r.find_person(pid).id))


def test_everything_about_a_person_reads_the_same_both_ways(
    sqlite_url: str, kb: KnowledgeBase, runs: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = person_with_everything(sqlite_url, kb)
    app = app_at(sqlite_url, kb)
    runs.clear()
    plain = records_of(app, "P-014")
    assert runs == [True]
    assert len(plain.diary) == 21 and plain.assessments and plain.latest_plan and plain.sessions
    assert plain.peg and plain.person.id == pid
    without_plain(monkeypatch)
    assert records_of(app, "P-014") == plain


def test_a_diary_entry_written_over_sqlite3_reads_back_through_sqlalchemy(
    sqlite_url: str, kb: KnowledgeBase, runs: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_at(sqlite_url, kb)
    pid = people.add_person(app, label="P-1").id
    later = app_at(sqlite_url, kb, datetime(2024, 6, 30, 12, 0, 0, 5, tzinfo=UTC))
    runs.clear()
    saved = diary.add_diary_entry(
        later,
        person="P-1",
        pain=4,
        regions=["mid_buttock", "lower_buttock"],
        symptoms=["worse_sitting"],
        note="sat too long — «ouch»",
        day=date(2024, 6, 29),
        self_care=True,
    )
    assert runs == [True]
    without_plain(monkeypatch)
    (entry,) = diary.list_diary(app, person=pid)
    assert entry == saved.entry and entry.recorded_at == later.now()


def test_what_it_does_not_implement_goes_to_sqlalchemy(
    sqlite_url: str, kb: KnowledgeBase, runs: list[bool]
) -> None:
    app = app_at(sqlite_url, kb)
    people.add_person(app, label="P-1")
    runs.clear()
    assert [p.label for p in people.list_people(app)] == ["P-1"]  # Records.people
    assert runs == [False]
    with pytest.raises(NotFoundError, match="no person with id or label 'P-2'"):
        diary.add_diary_entry(app, person="P-2", pain=3)
    assert runs == [False, True]  # a refusal the work raises on purpose passes through


def test_a_locked_database_is_left_to_the_store_that_waits(
    sqlite_url: str, kb: KnowledgeBase
) -> None:
    app = app_at(sqlite_url, kb)
    people.add_person(app, label="P-1")
    close_stores()
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        work: Callable[[Any], Any] = lambda r: r.find_person("P-1")  # noqa: E731
        read, found = sqlite_records.run_plain(sqlite_url, kb, app.tz, work, write=False)
        assert read and found.label == "P-1"  # WAL: a reader never waits for the writer
        assert sqlite_records.run_plain(sqlite_url, kb, app.tz, work, write=True) == (False, None)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_only_a_plain_existing_sqlite_file(sqlite_url: str, kb: KnowledgeBase) -> None:
    people.add_person(app_at(sqlite_url, kb), label="P-1")
    path = sqlite_url.removeprefix("sqlite:///")
    assert plain_sqlite_file(sqlite_url) is not None
    for url in (
        f"{sqlite_url}?timeout=5",
        f"sqlite:///{path}.missing",
        "sqlite:///:memory:",
        "postgresql+psycopg://u:p@localhost/db",
        f"sqlite:///{path.replace('records', 'rec%6Frds')}",
    ):
        assert plain_sqlite_file(url) is None, url
