"""Migrations: empty -> head, down and up again with data in the tables, on every backend."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from triggermap.store.engine import create_store_engine
from triggermap.store.opening import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    close_stores,
    current_revision,
    migrate,
    open_store,
)
from triggermap.store.tables import Base

RECORDS = {"person", "assessment", "care_plan"}
PROGRESS = {"diary_entry", "peg_score", "self_care_session"}
REPLIES = {"request_reply"}  # 0003: replies to API writes sent with an Idempotency-Key
NOW = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)


def tables(url: str) -> set[str]:
    engine = create_store_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def count(url: str, table: str) -> int:
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def insert_everything(url: str, person_id: str) -> None:
    engine = create_store_engine(url)
    rows = {
        "person": {"id": person_id, "label": f"P-{person_id}", "created_at": NOW},
        "assessment": {
            "id": f"a{person_id}",
            "person_id": person_id,
            "created_at": NOW,
            "knowledge_version": "k",
            "case": '{"age": 40}',
            "result": "{}",
        },
        "care_plan": {
            "id": f"c{person_id}",
            "person_id": person_id,
            "version": 1,
            "created_at": NOW,
            "knowledge_version": "k",
            "plan": "{}",
        },
        "diary_entry": {
            "id": f"d{person_id}",
            "person_id": person_id,
            "entry_date": date(2024, 5, 1),
            "recorded_at": NOW,
            "pain": 4,
            "regions": '["mid_buttock"]',
            "symptoms": "[]",
            "note": None,
            "self_care": True,
        },
        "peg_score": {
            "id": f"p{person_id}",
            "person_id": person_id,
            "entry_date": date(2024, 5, 1),
            "recorded_at": NOW,
            "pain": 4,
            "enjoyment": 5,
            "activity": 6,
        },
        "self_care_session": {
            "id": f"s{person_id}",
            "person_id": person_id,
            "started_at": NOW,
            "recorded_at": NOW,
            "plan_version": 1,
            "items_done": '["a"]',
            "pain_after": 2,
            "note": None,
        },
    }
    with engine.begin() as connection:
        for table, row in rows.items():
            columns = ", ".join(f'"{c}"' for c in row)
            values = ", ".join(f":{c}" for c in row)
            connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)
    engine.dispose()


def test_the_code_knows_the_newest_revision() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_empty_to_head_matches_the_tables_in_code(db_url: str) -> None:
    engine = open_store(db_url)
    assert current_revision(engine) == HEAD_REVISION
    assert tables(db_url) == RECORDS | PROGRESS | REPLIES
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_down_and_up_again_with_data_in_the_tables(db_url: str) -> None:
    migrate(db_url, "head")
    insert_everything(db_url, "one")
    migrate(db_url, "0001", direction="downgrade")
    assert tables(db_url) == RECORDS
    assert {t: count(db_url, t) for t in RECORDS} == dict.fromkeys(RECORDS, 1)
    migrate(db_url, "head")
    assert tables(db_url) == RECORDS | PROGRESS | REPLIES
    assert count(db_url, "person") == 1 and count(db_url, "diary_entry") == 0
    insert_everything(db_url, "two")
    assert {t: count(db_url, t) for t in RECORDS | PROGRESS} == {
        **dict.fromkeys(RECORDS, 2),
        **dict.fromkeys(PROGRESS, 1),
    }
    migrate(db_url, "0002", direction="downgrade")
    assert tables(db_url) == RECORDS | PROGRESS
    migrate(db_url, "base", direction="downgrade")
    assert tables(db_url) == set()
    migrate(db_url, "head")
    insert_everything(db_url, "three")
    assert count(db_url, "diary_entry") == 1


def test_opening_an_up_to_date_store_does_not_migrate(db_url: str) -> None:
    open_store(db_url)
    close_stores()
    insert_everything(db_url, "kept")
    open_store(db_url)
    assert count(db_url, "diary_entry") == 1


def test_a_label_two_people_already_share_is_kept_apart_and_then_unique(db_url: str) -> None:
    """0004: a pair a race let in keeps both people and every record; the later one's label
    gets the start of its id; from then on the database refuses a second person with a label."""
    migrate(db_url, "0003")
    engine = create_store_engine(db_url)
    later = datetime(2024, 5, 2, tzinfo=UTC)
    with engine.begin() as connection:
        for person_id, created in (("aaaaaaaa1111", NOW), ("bbbbbbbb2222", later)):
            connection.execute(
                text("INSERT INTO person (id, label, created_at) VALUES (:id, 'P-014', :at)"),
                {"id": person_id, "at": created},
            )
    engine.dispose()
    migrate(db_url, "head")
    engine = create_store_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, label FROM person ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [
            ("aaaaaaaa1111", "P-014"),
            ("bbbbbbbb2222", "P-014 (bbbbbbbb)"),
        ]
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(
                text("INSERT INTO person (id, label, created_at) VALUES ('c', 'P-014', :at)"),
                {"at": later},
            )
    finally:
        engine.dispose()
