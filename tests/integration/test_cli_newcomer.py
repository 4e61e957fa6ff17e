"""The command line as a newcomer meets it (issue 10): labels, the latest saved case, clear
messages that say what to do next, the formats and vocabularies, the session's introduction."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from triggermap.cli.app import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-case.json"


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


Cli = Callable[..., Run]


@pytest.fixture
def cli(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Cli:
    monkeypatch.setenv("TRIGGERMAP_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("TRIGGERMAP_FAST_TIMERS", "1")
    monkeypatch.setenv("COLUMNS", "160")

    def run(*args: str, stdin: str = "") -> Run:
        import io

        monkeypatch.setattr(sys, "argv", ["triggermap", *args])
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        with pytest.raises(SystemExit) as exit_:
            main()
        captured = capsys.readouterr()
        code = exit_.value.code
        return Run(code if isinstance(code, int) else 0, captured.out, captured.err)

    return run


def one_line(result: Run) -> str:
    assert result.code == 2 and result.out == "", result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


def test_a_label_names_a_person_and_is_theirs_alone(cli: Cli) -> None:
    added = cli("person", "add", "P-014")
    assert added.code == 0 and "--person P-014" in added.err
    assert "label: 'P-014' is already used" in one_line(cli("person", "add", "P-014"))
    assert cli("diary", "add", "--person", "P-014", "--pain", "4").code == 0
    assert "P-014" in cli("person", "show", "P-014").out
    near = one_line(cli("progress", "--person", "p-041"))
    assert "no person with id or label 'p-041'" in near


def test_plan_and_session_use_the_latest_saved_case(cli: Cli) -> None:
    cli("person", "add", "P-1")
    none_yet = one_line(cli("plan", "--person", "P-1"))
    assert "P-1 has no saved assessment yet" in none_yet and "assess --interactive" in none_yet
    assert cli("assess", "--input", str(DEMO), "--save", "--person", "P-1").code == 0
    plan = cli("plan", "--person", "P-1", "--format", "json")
    assert plan.code == 0 and "using the latest saved case of P-1" in plan.err
    assert json.loads(plan.out)["items"]
    session = cli("session", "--person", "P-1", stdin="q\n\n")
    assert session.code == 0, session.err
    assert "minutes in all" in session.out and "Saved this session" in session.out


def test_a_missing_database_says_how_to_start(cli: Cli) -> None:
    message = one_line(cli("progress", "--person", "P-1"))
    assert "there is no database at" in message
    assert "start with: triggermap person add LABEL" in message


def test_unknown_ids_suggest_the_nearest_and_an_empty_file_says_so(
    cli: Cli, tmp_path: Path
) -> None:
    case = tmp_path / "case.json"
    case.write_text('{"pain": {"regions": ["mid_butock"]}}')
    assert "did you mean 'mid_buttock'" in one_line(cli("assess", "--input", str(case)))
    case.write_text("  \n")
    assert one_line(cli("assess", "--input", str(case))).endswith(
        "is empty (there is nothing in it to read)"
    )
    assert "did you mean 'movements'" in one_line(cli("kb", "list", "movemnts"))


def test_files_written_are_named(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.html"
    result = cli("plan", "--input", str(DEMO), "--format", "html", "-o", str(out))
    assert result.code == 0 and f"wrote the html plan to {out}" in result.err


def test_the_case_format_and_exam_vocabularies_are_listed(cli: Cli) -> None:
    schema = json.loads(cli("schema", "case").out)
    symptoms = schema["properties"]["symptoms"]["items"]["enum"]
    assert "saddle_anaesthesia" in symptoms and schema["additionalProperties"] is False
    assert "hip_flexion" in schema["properties"]["exam"]["properties"]["rom"]["properties"]
    for kind, some in (("palpation-findings", "taut_band"), ("movements", "hip_flexion")):
        assert some in cli("kb", "list", kind).out
    assert "reflex_change" in cli("kb", "list", "neuro").out


def test_the_intake_says_where_the_case_went_and_what_next(cli: Cli, tmp_path: Path) -> None:
    from triggermap.kb.loader import load_knowledge

    kb = load_knowledge()
    flags = [s.id for s in kb.symptoms.values() if s.red_flag]
    answers = ["no"] * flags.index("saddle_anaesthesia") + ["yes"]
    saved = tmp_path / "case.json"
    result = cli("assess", "--interactive", "--save-case", str(saved), stdin="\n".join(answers))
    assert result.code == 0, result.err
    assert f"wrote the case to {saved}" in result.err
    assert f"Next: triggermap plan --input {saved}" in result.err


def test_a_diary_entry_can_be_changed_and_deleted(cli: Cli) -> None:
    cli("person", "add", "P-1")
    cli("diary", "add", "--person", "P-1", "--pain", "5")
    entry = json.loads(cli("diary", "list", "--person", "P-1", "--json").out)[0]["id"]
    changed = cli("diary", "edit", entry, "--pain", "3")
    assert changed.code == 0 and "pain 3" in changed.out
    cli("diary", "edit", entry[:8], "--self-care", "--note", "long drive")
    listed = json.loads(cli("diary", "list", "--person", "P-1", "--json").out)[0]
    assert (listed["self_care"], listed["note"]) == (True, "long drive")
    cli("diary", "edit", entry[:8], "--no-self-care", "--note", "")
    listed = json.loads(cli("diary", "list", "--person", "P-1", "--json").out)[0]
    assert (listed["pain"], listed["self_care"], listed["note"]) == (3, False, None)
    assert cli("diary", "delete", entry).code == 0
    assert json.loads(cli("diary", "list", "--person", "P-1", "--json").out) == []
    assert "no diary entry with id" in one_line(cli("diary", "delete", entry))
