"""Nothing lost: a writer killed mid-stream keeps every acknowledged write, and two writers at
once lose nothing and never show "database is locked".

The writers are real processes using the real service (`services.diary.add_diary_entry`); the
knowledge base is replaced by the two ids they use, so these tests depend on storage only.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from triggermap.store.engine import create_store_engine

WRITER = textwrap.dedent(
    """
    import os, sys, time
    from datetime import UTC, datetime
    from pathlib import Path
    from types import SimpleNamespace

    from triggermap.services.application import build_application
    from triggermap.services.clock import FixedClock
    from triggermap.services.diary import add_diary_entry
    from triggermap.services.people import add_person

    url, go, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    kb = SimpleNamespace(regions={"mid_buttock": 1},
                         symptoms={"worse_sitting": SimpleNamespace(red_flag=False)},
                         exam=SimpleNamespace(sexes=("female", "male")))
    clock = FixedClock(datetime(2024, 1, 2, 12, tzinfo=UTC))
    app = build_application(db_url=url, kb=kb, clock=clock, tz=UTC)
    while not go.exists():  # start together with the other writers
        time.sleep(0.005)
    person = add_person(app, label=f"writer {os.getpid()}").id
    print("person", person, flush=True)
    for i in range(count):
        entry = add_diary_entry(
            app, person=person, pain=i % 11, regions=["mid_buttock"],
            symptoms=["worse_sitting"], note=f"entry {i}", day="2024-01-01",
        ).entry
        print("entry", entry.id, flush=True)
    """
)


def start_writer(url: str, go: Path, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, url, str(go), str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stored_ids(url: str) -> set[str]:
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            return set(connection.execute(text("SELECT id FROM diary_entry")).scalars())
    finally:
        engine.dispose()


def integrity(url: str) -> str:
    engine = create_store_engine(url)
    try:
        with engine.connect() as connection:
            return str(connection.exec_driver_sql("PRAGMA integrity_check").scalar_one())
    finally:
        engine.dispose()


def test_sigkill_in_the_middle_of_writes_loses_no_acknowledged_entry(
    sqlite_url: str, tmp_path: Path
) -> None:
    go = tmp_path / "go"
    go.touch()
    writer = start_writer(sqlite_url, go, count=100_000)
    assert writer.stdout is not None
    acknowledged: list[str] = []
    for line in writer.stdout:  # the writer is busy writing when it is killed
        kind, _, value = line.strip().partition(" ")
        if kind == "entry":
            acknowledged.append(value)
        if len(acknowledged) == 300:
            os.kill(writer.pid, signal.SIGKILL)
            break
    # Read the rest through the same file object: lines its iterator has already buffered are
    # acknowledged too (communicate() would read the pipe underneath and miss them).
    rest = writer.stdout.read()
    writer.communicate()
    acknowledged += [line.split()[1] for line in rest.splitlines() if line.startswith("entry ")]
    assert writer.returncode == -signal.SIGKILL
    stored = stored_ids(sqlite_url)
    assert set(acknowledged) <= stored
    assert len(stored) - len(acknowledged) <= 1  # at most one committed but not yet printed
    assert integrity(sqlite_url) == "ok"


def test_two_processes_writing_at_once_lose_nothing(db_url: str, tmp_path: Path) -> None:
    go = tmp_path / "go"
    writers = [start_writer(db_url, go, count=150) for _ in range(2)]
    go.touch()  # both open the new database (and migrate it) at the same moment
    outputs = [writer.communicate(timeout=300) for writer in writers]
    for writer, (_, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err.lower() and "busy" not in err.lower()
    acknowledged = {
        line.split()[1]
        for out, _ in outputs
        for line in out.splitlines()
        if line.startswith("entry")
    }
    assert len(acknowledged) == 300
    assert stored_ids(db_url) == acknowledged
    if db_url.startswith("sqlite"):
        assert integrity(db_url) == "ok"


def test_a_database_held_too_long_is_a_plain_storage_error(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from triggermap.errors import StorageError
    from triggermap.services.application import build_application
    from triggermap.services.people import add_person
    from triggermap.store import engine as store_engine
    from triggermap.store.opening import close_stores, open_store

    open_store(sqlite_url)  # created and migrated
    close_stores()  # the next engine is made with the short timeout
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_SECONDS", 0.05)
    kb = SimpleNamespace(exam=SimpleNamespace(sexes=()))
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError) as error:
            url = sqlite_url.replace("records.db", "./records.db")
            add_person(build_application(db_url=url, kb=kb), label="P")  # type: ignore[arg-type]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "still busy after waiting" in str(error.value)
    assert "locked" not in str(error.value)
