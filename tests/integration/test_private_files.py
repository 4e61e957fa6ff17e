"""Health data stays private: the data folder 0700; the database, its WAL and shared-memory
files, exports, handouts, charts and saved cases 0600, under the usual umask 022 and under a
stricter one; an output file is never overwritten without --force and never written through
a symbolic link."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from triggermap.errors import InputError
from triggermap.private_files import private_file, write_private_file
from triggermap.services.application import build_application
from triggermap.services.people import add_person
from triggermap.store.opening import close_stores

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-case.json"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def run(*args: str, env: dict[str, str], mask: int = 0o022) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "triggermap", *args],
        capture_output=True,
        text=True,
        env=env,
        umask=mask,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a person with no database yet: the default data folder in tmp."""
    values = {k: v for k, v in os.environ.items() if k != "TRIGGERMAP_DATABASE_URL"}
    return {**values, "XDG_DATA_HOME": str(tmp_path / "data"), "COLUMNS": "100"}


def test_the_default_data_folder_is_0700_and_the_database_0600(
    tmp_path: Path, env: dict[str, str]
) -> None:
    added = run("person", "add", "P-1", env=env)
    assert added.returncode == 0, added.stderr
    folder = tmp_path / "data" / "triggermap"
    assert mode(tmp_path / "data") == 0o700  # a missing parent is made private too
    assert mode(folder) == 0o700
    assert mode(folder / "triggermap.db") == 0o600
    assert {p.name for p in folder.iterdir()} <= {"triggermap.db", "triggermap.db-wal",
                                                  "triggermap.db-shm"}  # fmt: skip
    assert all(mode(p) == 0o600 for p in folder.iterdir())


def test_a_data_folder_an_earlier_version_left_open_is_closed(
    tmp_path: Path, env: dict[str, str]
) -> None:
    folder = tmp_path / "data" / "triggermap"
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    assert run("person", "add", "P-1", env=env).returncode == 0
    assert mode(folder) == 0o700


def test_the_wal_and_shared_memory_files_are_0600_while_the_database_is_open(
    tmp_path: Path,
) -> None:
    db = tmp_path / "deep" / "er" / "records.db"
    with umask(0o022):
        add_person(build_application(db_url=str(db)), label="P-1")
        try:
            assert mode(tmp_path / "deep") == 0o700 and mode(tmp_path / "deep" / "er") == 0o700
            names = {p.name for p in db.parent.iterdir()}
            assert {"records.db", "records.db-wal", "records.db-shm"} <= names
            assert all(mode(p) == 0o600 for p in db.parent.iterdir())
        finally:
            close_stores()


def test_every_file_a_command_writes_is_0600(tmp_path: Path, env: dict[str, str]) -> None:
    env["TRIGGERMAP_DATABASE_URL"] = str(tmp_path / "records.db")
    person = run("person", "add", "P-1", env=env).stdout.strip()
    assert run("diary", "add", "--person", person, "--pain", "5", env=env).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ("export", "--person", person, "-o", str(out / "p.json")),
        ("plan", "-i", str(DEMO), "-f", "html", "-o", str(out / "plan.html")),
        ("plan", "-i", str(DEMO), "-f", "pdf", "-o", str(out / "plan.pdf")),
        ("plan", "-i", str(DEMO), "-f", "markdown", "-o", str(out / "plan.md")),
        ("progress", "--person", person, "--chart", str(out / "chart.png")),
        ("assess", "-i", str(DEMO), "--save-case", str(out / "case.json")),
        ("kb", "illustration", "activation_glute_squeeze", "-o", str(out / "picture.svg")),
        ("plan", "--person", "P-1", "-f", "pdf", "-o", str(out / "progress-plan.pdf")),
    ]
    assert run("assess", "-i", str(DEMO), "--save", "--person", "P-1", env=env).returncode == 0
    for command in commands:
        done = run(*command, env=env)
        assert done.returncode == 0, (command, done.stderr)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["p.json", "plan.html", "plan.pdf", "plan.md", "chart.png", "case.json", "picture.svg",
         "progress-plan.pdf"]
    )  # fmt: skip
    assert {p.name: mode(p) for p in out.iterdir()} == {p.name: 0o600 for p in out.iterdir()}
    assert mode(tmp_path / "records.db") == 0o600


def test_the_session_pictures_and_the_knowledge_cache_are_private(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """What triggermap writes on its own: each exercise's picture for the session, and the
    knowledge base's cache; their folders 0700, the files 0600."""
    cache = tmp_path / "cache"
    env.update(TRIGGERMAP_CACHE_DIR=str(cache), TRIGGERMAP_FAST_TIMERS="1")
    done = subprocess.run(
        [sys.executable, "-m", "triggermap", "session", "-i", str(DEMO)],
        input="\n" * 200,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    written = [p for p in cache.rglob("*")]
    pictures = [p for p in written if p.parent.name == "pictures"]
    assert pictures and any(p.suffix == ".pickle" for p in written)
    assert all(mode(p) == 0o700 for p in written if p.is_dir())
    assert {p.name: mode(p) for p in written if p.is_file()} == {
        p.name: 0o600 for p in written if p.is_file()
    }


def test_a_stricter_umask_is_honoured(tmp_path: Path) -> None:
    with umask(0o077):
        write_private_file(tmp_path / "a.json", "{}\n")
        add_person(build_application(db_url=str(tmp_path / "new" / "records.db")), label="P-1")
        close_stores()
    with umask(0o277):
        write_private_file(tmp_path / "b.json", "{}\n")
    assert mode(tmp_path / "a.json") == 0o600
    assert mode(tmp_path / "new") == 0o700
    assert mode(tmp_path / "new" / "records.db") == 0o600
    assert mode(tmp_path / "b.json") == 0o400


def test_an_existing_file_is_replaced_only_with_force_and_then_whole(
    tmp_path: Path, env: dict[str, str]
) -> None:
    env["TRIGGERMAP_DATABASE_URL"] = str(tmp_path / "records.db")
    person = run("person", "add", "P-1", env=env).stdout.strip()
    target = tmp_path / "p.json"
    target.write_text("an older export\n")
    target.chmod(0o644)
    refused = run("export", "--person", person, "-o", str(target), env=env)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.endswith("p.json' already exists; add --force to replace it\n")
    assert target.read_text() == "an older export\n"
    forced = run("export", "--person", person, "-o", str(target), "--force", env=env)
    assert forced.returncode == 0, forced.stderr
    assert '"format": "triggermap.person"' in target.read_text()
    assert mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_symbolic_link_is_never_written_through(tmp_path: Path, env: dict[str, str]) -> None:
    env["TRIGGERMAP_DATABASE_URL"] = str(tmp_path / "records.db")
    person = run("person", "add", "P-1", env=env).stdout.strip()
    elsewhere = tmp_path / "elsewhere.json"
    link = tmp_path / "p.json"
    link.symlink_to(elsewhere)
    for force in ((), ("--force",)):
        done = run("export", "--person", person, "-o", str(link), *force, env=env)
        assert done.returncode == 2 and "is a symbolic link" in done.stderr
    assert not elsewhere.exists() and link.is_symlink()


def test_a_failed_write_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    new, old = tmp_path / "new.json", tmp_path / "old.json"
    old.write_text("keep\n")
    for path, force in ((new, False), (old, True)):
        with pytest.raises(RuntimeError), private_file(path, force=force) as handle:
            handle.write(b"half of it")
            raise RuntimeError("the renderer failed")
    assert not new.exists()
    assert old.read_text() == "keep\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json"]
    with pytest.raises(InputError, match="already exists; add --force"):
        write_private_file(old, "x")
