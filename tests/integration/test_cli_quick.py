"""The records commands' fast path (`cli.quick`, taken by the `triggermap` entry point) prints
the same output, the same one-line errors and the same exit codes as the Typer app, and leaves
every argument list it does not read plainly to the Typer app."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from triggermap.cli import app as full_app
from triggermap.cli import entry
from triggermap.cli.quick import parse
from triggermap.errors import InputError
from triggermap.kb.loader import KnowledgeBase

TRIGGERMAP = str(Path(sys.executable).parent / "triggermap")

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-case.json"
Run = tuple[int, str, str]


@pytest.fixture
def both(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[Run, Run]]:
    """Run the arguments through the entry point (fast path) and through the Typer app."""
    monkeypatch.setenv("TRIGGERMAP_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("COLUMNS", "160")

    def one(main: Callable[[], None], args: tuple[str, ...]) -> Run:
        monkeypatch.setattr(sys, "argv", ["triggermap", *args])
        code: int = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0
        out = capsys.readouterr()
        return code, out.out, out.err

    def run(*args: str) -> tuple[Run, Run]:
        return one(entry.main, args), one(full_app.main, args)

    return run


def same_output(fast: Run, typer_run: Run) -> None:
    ids = re.compile(r"\b[0-9a-f]{12,32}\b")  # a new record's id differs from run to run
    assert (fast[0], ids.sub("ID", fast[1]), fast[2]) == (
        typer_run[0],
        ids.sub("ID", typer_run[1]),
        typer_run[2],
    )


def test_the_records_commands_print_the_same_both_ways(
    both: Callable[..., tuple[Run, Run]], tmp_path: Path
) -> None:
    added = both("person", "add", "P-1")  # not a fast command: the Typer app both times
    assert added[0][0] == 0
    saved = both("assess", "-i", str(DEMO), "--save", "--person", "P-1")
    assert saved[0][0] == 0 and saved[1][0] == 0
    for args in (
        ("diary", "add", "--person", "P-1", "--pain", "5", "--regions", "mid_buttock"),
        ("diary", "add", "--person=P-1", "--pain=3", "--self-care", "--note", "walked"),
        ("diary", "add", "--person", "P-1", "--pain", "4", "--symptoms", "saddle_anaesthesia"),
        ("progress", "--person", "P-1"),
        ("progress", "--person", "P-1", "--json"),
        ("progress", "--person", "P-1", "--as-of", "2026-01-01"),
        ("plan", "--person", "P-1"),
        ("plan", "--person", "P-1", "--format", "json", "--date", "2026-01-15"),
        ("plan", "--input", str(DEMO), "--format", "markdown"),
    ):
        fast, typer_run = both(*args)
        assert fast[0] == 0, fast[2]
        same_output(fast, typer_run)
    assert "saddle" in both("progress", "--person", "P-1")[0][1].lower()


def test_errors_are_the_same_line_and_exit_code_both_ways(
    both: Callable[..., tuple[Run, Run]],
) -> None:
    both("person", "add", "P-2")
    for args in (
        ("progress", "--person", "nobody"),
        ("diary", "add", "--person", "P-2", "--pain", "11"),
        ("diary", "add", "--person", "P-2", "--pain", "4", "--regions", "elbow"),
        ("plan", "--person", "P-2", "--format", "docx"),
        ("plan", "--format", "pdf"),
        ("progress", "--person", "P-2", "--as-of", "yesterday"),
    ):
        fast, typer_run = both(*args)
        assert fast[0] == 2 and fast[1] == ""
        assert fast[2].startswith("triggermap: error: ") and fast[2].count("\n") == 1
        same_output(fast, typer_run)


@pytest.mark.parametrize(
    "args",
    [
        ["progress", "--help"],
        ["progress"],
        ["progress", "--person"],
        ["progress", "--person", "a", "--person", "b"],
        ["progress", "--person", "-a"],
        ["progress", "--person", "a", "--json=yes"],
        ["progress", "--person", "a", "--"],
        ["progress", "--person", "a", "extra"],
        ["diary", "add", "--person", "a"],
        ["diary", "list", "--person", "a"],
        ["plan", "-i", "case.json"],
        ["plan", "--input", "-"],
        ["plan", "--person", "a", "-o", "x.pdf"],
        ["assess", "--input", "case.json"],
        [],
    ],
)
def test_anything_else_goes_to_the_typer_app(args: list[str]) -> None:
    assert parse(args) is None


def test_what_it_reads_plainly_it_runs() -> None:
    assert parse(["progress", "--person", "a"]) is not None
    assert parse(["diary", "add", "--pain", "4", "--person", "a", "--db", "x.db"]) is not None
    assert parse(["plan", "--person", "a", "--format=json", "--save", "--force"]) is not None


def test_a_diary_entry_with_no_red_flag_never_loads_the_knowledge_base(
    sqlite_url: str, kb: KnowledgeBase
) -> None:
    from triggermap.services import diary, people
    from triggermap.services.application import PackagedKnowledge, build_application
    from triggermap.services.engine_cache import load_engine

    load_engine()  # the compiled engine's cache, which holds the ids an entry may use
    people.add_person(build_application(db_url=sqlite_url, kb=kb), label="P-1")
    lazy = build_application(db_url=sqlite_url, lazy_knowledge=True)
    assert lazy.entry_vocabulary() == build_application(kb=kb).entry_vocabulary()
    saved = diary.add_diary_entry(lazy, person="P-1", pain=3, regions=["mid_buttock"])
    assert saved.triage is None
    assert isinstance(lazy.kb, PackagedKnowledge) and not lazy.kb.is_loaded()
    with pytest.raises(InputError, match="did you mean 'mid_buttock'"):
        diary.add_diary_entry(lazy, person="P-1", pain=3, regions=["mid_butock"])
    flagged = diary.add_diary_entry(lazy, person="P-1", pain=3, symptoms=["saddle_anaesthesia"])
    assert flagged.triage is not None
    assert flagged.triage.assessment.triage.level == "emergency"
    assert lazy.kb.is_loaded()  # a red flag triages on the knowledge base


@pytest.mark.parametrize(
    "args",
    [
        ["diary", "add", "--person", "P-1", "--pain", "4", "--symptoms", "saddle_anaesthesia"],
        ["progress", "--person", "P-1"],
        ["person", "list"],
    ],
)
def test_a_reader_that_stops_early_gets_no_internal_error(args: list[str], tmp_path: Path) -> None:
    """`triggermap ... | head -1`: the pipe closes under the command; it ends quietly."""
    env = {**os.environ, "TRIGGERMAP_DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"}
    subprocess.run([TRIGGERMAP, "person", "add", "P-1"], env=env, check=True, capture_output=True)
    subprocess.run(
        [TRIGGERMAP, "diary", "add", "--person", "P-1", "--pain", "5"],
        env=env,
        check=True,
        capture_output=True,
    )
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the command writes
    run = subprocess.run([TRIGGERMAP, *args], env=env, stdout=write, stderr=subprocess.PIPE)
    os.close(write)
    assert "internal error" not in run.stderr.decode()
    assert run.stderr.decode() == ""


def test_the_records_commands_import_no_drawing_or_terminal_library(tmp_path: Path) -> None:
    """`diary add`, `progress` and `plan --person` to a pipe (issue 11: each a process within
    200 ms) import neither the command-line framework, Rich, matplotlib nor reportlab."""
    env = {**os.environ, "TRIGGERMAP_DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"}
    env.pop("FORCE_COLOR", None)
    for setup in (["person", "add", "P-1"], ["assess", "-i", str(DEMO), "--save", "--person=P-1"]):
        subprocess.run([TRIGGERMAP, *setup], env=env, check=True, capture_output=True)
    code = (
        "import sys; sys.argv = ['triggermap', *sys.argv[1:]]\n"
        "from triggermap.cli.entry import main; main()\n"
        "heavy = ('typer', 'rich', 'matplotlib', 'reportlab')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)), file=sys.stderr)"
    )
    for args in (
        ["diary", "add", "--person", "P-1", "--pain", "4"],
        ["progress", "--person", "P-1"],
        ["plan", "--person", "P-1"],
    ):
        done = subprocess.run(
            [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip(), args  # it printed its output
        assert done.stderr.strip().splitlines()[-1] == "[]", args
