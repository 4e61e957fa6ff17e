"""`triggermap plan` and `triggermap session` as a person runs them: real processes, real files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from triggermap.careplan.routine import build_routine
from triggermap.kb.loader import KnowledgeBase
from triggermap.services.assess import parse_one_case
from triggermap.services.plan import make_plan

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-case.json"
EMERGENCY = json.dumps({"age": 50, "symptoms": ["saddle_anaesthesia"]})


def run(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "triggermap", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "stdin", "names"),
    [
        (("--input", "-"), "{not json", "not valid JSON"),
        (("--input", "-"), '{"symptoms": ["leg_pain"]}', "symptoms[0]"),
        (("--input", "-"), '{"pain": {"intensity": 11}}', "pain.intensity"),
        (("--input", "-"), "[{}]", "expected one case"),
        (("--input", "no-such-file.json"), None, "--input"),
        (("--input", str(DEMO), "--format", "docx"), None, "--format"),
        (("--input", str(DEMO), "--format", "pdf"), None, "--output"),
        (("--input", str(DEMO), "--date", "15/01/2026"), None, "--date"),
        (("--input", str(DEMO), "--save"), None, "--person"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    args: tuple[str, ...], stdin: str | None, names: str
) -> None:
    assert names in one_line_error(run("plan", *args, stdin=stdin))


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_each_text_format_renders(fmt: str) -> None:
    proc = run("plan", "--input", str(DEMO), "--format", fmt, "--date", "2026-01-15")
    assert proc.returncode == 0, proc.stderr
    assert "not a diagnosis" in proc.stdout or fmt == "json"
    if fmt == "json":
        data = json.loads(proc.stdout)
        assert set(data) == {
            "triage",
            "items",
            "left_out",
            "referrals",
            "safety_net",
            "review",
            "knowledge_version",
        }


def test_pdf_goes_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    proc = run("plan", "--input", str(DEMO), "--format", "pdf", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert 1 <= len(re.findall(rb"/Type\s*/Page[^s]", data)) <= 14  # details follow page one


def test_stdin_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.html"
    proc = run("plan", "--input", "-", "-f", "html", "-o", str(out), stdin=DEMO.read_text())
    assert proc.returncode == 0 and proc.stdout == ""
    assert "<svg" in out.read_text(encoding="utf-8")


def test_emergency_plan_says_go_now() -> None:
    proc = run("plan", "--input", "-", "--format", "json", stdin=EMERGENCY)
    data = json.loads(proc.stdout)
    assert data["triage"]["level"] == "emergency" and data["items"] == []
    assert data["referrals"][0]["to"] == "emergency_department"


def test_save_stores_a_version_for_the_person(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"
    added = run("person", "add", "tester", "--db", db)
    assert added.returncode == 0, added.stderr
    person = added.stdout.strip().split()[-1]
    proc = run("plan", "--input", str(DEMO), "-f", "json", "--save", "--person", person, "--db", db)
    assert proc.returncode == 0, proc.stderr
    json.loads(proc.stdout)  # stdout stays clean JSON; the confirmation goes to stderr
    from triggermap.services.application import build_application
    from triggermap.services.people import show_person

    latest = show_person(build_application(db_url=db), person=person).latest_plan
    assert latest is not None and latest.version == 1


# ---------------------------------------------------------------- session


def answers_per_step(kb: KnowledgeBase) -> list[list[str]]:
    """Enter for every prompt of each step of the demo routine (start, sets, open rests, and
    long timed items such as 15 minutes of heat, which are not counted down on screen)."""
    plan = make_plan(parse_one_case(DEMO.read_text(), kb), kb, today=date.today()).plan
    return [
        [""]
        + [
            ""
            for a in step.actions
            if a.kind in ("count", "do")
            or (a.kind == "rest" and not a.seconds)
            or (a.kind == "timed" and (a.seconds or 0) >= 300)  # no countdown: Enter when done
        ]
        for step in build_routine(plan)
    ]


def test_session_runs_skips_and_asks_pain_again_on_bad_input(kb: KnowledgeBase) -> None:
    steps = answers_per_step(kb)
    answers = ["s", *(a for step in steps[1:] for a in step), "x", "11", "3"]
    proc = run("session", "--input", str(DEMO), "--fast", stdin="\n".join(answers) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert f"Step {len(steps)} of {len(steps)}" in proc.stdout
    assert proc.stdout.count("Please type a whole number from 0 to 10") == 2
    assert "Pain now: 3 out of 10" in proc.stdout
    assert f"Done: {len(steps) - 1} of {len(steps)}" in proc.stdout


def test_session_quit_then_saved_for_the_person(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    person = run("person", "add", "tester", "--db", db).stdout.strip().split()[-1]
    stdin = "\n".join(["", "", "", "q", "5"]) + "\n"  # start step 1, then quit, pain 5
    proc = run(
        "session",
        "--input",
        str(DEMO),
        "--person",
        person,
        "--db",
        db,
        stdin=stdin,
        env={"TRIGGERMAP_FAST_TIMERS": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "Saved this session" in proc.stdout
    from triggermap.services.application import build_application
    from triggermap.services.transfer import export_person

    sessions = json.loads(export_person(build_application(db_url=db), person=person))["sessions"]
    assert len(sessions) == 1 and sessions[0]["pain_after"] == 5


def test_session_with_a_red_flag_has_no_exercises() -> None:
    proc = run("session", "--input", "-", "--fast", stdin=EMERGENCY)
    assert proc.returncode == 0, proc.stderr
    assert "EMERGENCY: no exercises today" in proc.stdout and "Step 1" not in proc.stdout


def test_session_bad_case_is_one_line() -> None:
    assert "not valid JSON" in one_line_error(run("session", "--input", "-", stdin="{"))


def test_session_quit_in_the_middle_of_an_exercise_says_stopped_early(kb: KnowledgeBase) -> None:
    steps = answers_per_step(kb)
    count_steps = [i for i, step in enumerate(steps) if len(step) > 2]  # a start and two answers
    first = count_steps[0]
    answers = [a for step in steps[:first] for a in step]
    answers += [steps[first][0], steps[first][1], "q", "4"]  # start it, one answer, then quit
    proc = run("session", "--input", str(DEMO), "--fast", stdin="\n".join(answers) + "\n")
    assert proc.returncode == 0, proc.stderr
    summary = proc.stdout[proc.stdout.index("Session summary") :]
    assert f"Done: {first} of {len(steps)}" in summary
    assert "Stopped early:" in summary and "Not reached:" in summary
