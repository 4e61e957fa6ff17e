"""Benchmark storage: diary insert rates, and `progress` for one person with 5 years of daily
entries in a database of 10,000 people (over 1,000,000 diary entries).

Prints figures; never asserts. Target (issue 5): `progress` under 100 ms on SQLite.

    .venv/bin/python bench/storage.py [--people 10000] [--per-person 100] [--db FILE] [--keep]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from triggermap.kb.loader import load_knowledge
from triggermap.services.application import Application, build_application
from triggermap.services.clock import FixedClock, SystemZone
from triggermap.services.diary import add_diary_entry
from triggermap.services.progress import progress_report
from triggermap.store import tables as t
from triggermap.store.opening import close_stores, open_store

REGIONS = ["mid_buttock", "upper_buttock", "lower_buttock", "posterior_thigh", "lateral_thigh"]
SYMPTOMS = ["worse_sitting", "localized_ache", "worse_walking", "radiating_pain"]
LAST_DAY = date(2025, 12, 31)
YEARS = 5
BATCH = 50_000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--per-person", type=int, default=100, help="entries of the others")
    parser.add_argument("--db", type=Path, help="SQLite file to create (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the database file")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "bench.db"
    path.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    engine = open_store(url)
    target = fill(engine, args.people, args.per_person)
    single_inserts(url, target)
    time_progress(url, target)
    time_command(url, target)
    print(f"database file: {path.stat().st_size / 1e6:.0f} MB{' (kept)' if args.keep else ''}")
    close_stores()
    if args.keep and args.db is None:
        print(f"  at {path}")
    else:
        folder.cleanup()


def fill(engine: Any, people: int, per_person: int) -> str:
    rng = random.Random(5)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    ids = [uuid.uuid4().hex[:12] for _ in range(people)]
    target = ids[0]
    with engine.begin() as connection:
        connection.execute(
            insert(t.Person),
            [{"id": i, "label": f"P-{n:05d}", "created_at": now} for n, i in enumerate(ids)],
        )
    first_day = LAST_DAY - timedelta(days=365 * YEARS)
    span = (LAST_DAY - first_day).days
    rows: list[dict[str, Any]] = []
    inserted = 0
    started = time.perf_counter()
    for person in ids:
        days = range(span + 1) if person == target else rng.sample(range(span + 1), per_person)
        for offset in days:
            rows.append(diary_row(rng, person, first_day + timedelta(days=offset), now))
        if len(rows) >= BATCH:
            inserted += write(engine, rows)
    inserted += write(engine, rows)
    seconds = time.perf_counter() - started
    with engine.begin() as connection:
        connection.execute(
            insert(t.PegScore),
            [
                {
                    "id": uuid.uuid4().hex,
                    "person_id": target,
                    "pain": rng.randint(2, 8),
                    "enjoyment": rng.randint(2, 8),
                    "activity": rng.randint(2, 8),
                    "entry_date": first_day + timedelta(days=7 * w),
                    "recorded_at": now,
                }
                for w in range(span // 7)
            ],
        )
    print(
        f"people: {people:,}; diary entries: {inserted:,} "
        f"({span + 1:,} daily entries for the person timed)"
    )
    print(
        f"bulk insert (executemany, {BATCH:,} a transaction): "
        f"{inserted / seconds:,.0f} entries/s ({seconds:.1f} s)"
    )
    return target


def diary_row(rng: random.Random, person: str, day: date, now: datetime) -> dict[str, Any]:
    return {
        "id": uuid.uuid4().hex,
        "person_id": person,
        "entry_date": day,
        "recorded_at": now,
        "pain": rng.randint(0, 10),
        "regions": rng.sample(REGIONS, rng.randint(1, 3)),
        "symptoms": rng.sample(SYMPTOMS, rng.randint(0, 2)),
        "note": None,
        "self_care": rng.random() < 0.6,
    }


def write(engine: Any, rows: list[dict[str, Any]]) -> int:
    count = len(rows)
    if rows:
        with engine.begin() as connection:
            connection.execute(insert(t.DiaryEntry), rows)
        rows.clear()
    return count


def application(url: str) -> Application:
    """The application on `url`, its clock at noon of LAST_DAY."""
    noon = datetime.combine(LAST_DAY, dt_time(12)).astimezone(UTC)
    return build_application(
        db_url=url, kb=load_knowledge(), clock=FixedClock(noon), tz=SystemZone()
    )


def single_inserts(url: str, person: str, count: int = 200) -> None:
    app = application(url)
    started = time.perf_counter()
    for n in range(count):
        add_diary_entry(app, person=person, pain=n % 11, regions=["mid_buttock"], day=LAST_DAY)
    seconds = time.perf_counter() - started
    print(
        f"single inserts (the `diary add` service: one checked, durable transaction each, "
        f"synchronous=FULL): {count / seconds:,.0f} entries/s "
        f"({1000 * seconds / count:.2f} ms each)"
    )


def time_progress(url: str, person: str, rounds: int = 30) -> None:
    app = application(url)
    engine = open_store(url)
    with engine.connect() as connection:
        plan = connection.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT * FROM diary_entry WHERE person_id = :p "
                "ORDER BY entry_date"
            ),
            {"p": person},
        ).fetchall()
    print("diary query plan: " + "; ".join(str(row[-1]) for row in plan))
    view = progress_report(app, person=person)  # warm
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        progress_report(app, person=person)
        times.append(time.perf_counter() - started)
    times.sort()
    print(
        f"progress for one person ({view.report.diary_entries:,} diary entries, "
        f"{len(view.history.peg)} PEG scores) in process: median "
        f"{1000 * statistics.median(times):.1f} ms, worst {1000 * times[-1]:.1f} ms "
        f"(target < 100 ms)"
    )
    json.dumps(view.to_json())


def time_command(url: str, person: str) -> None:
    command = [
        sys.executable,
        "-m",
        "triggermap",
        "progress",
        "--person",
        person,
        "--db",
        url,
        "--as-of",
        LAST_DAY.isoformat(),
    ]
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    print(
        f"`triggermap progress` as a process (Python start-up included): "
        f"best {1000 * min(times):.0f} ms"
    )


if __name__ == "__main__":
    main()
