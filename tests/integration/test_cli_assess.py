"""`triggermap assess` as a user runs it: a real process, real files, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-case.json"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "triggermap", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_json_contract_fields() -> None:
    proc = run("assess", "--input", str(DEMO), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["id"] == "demo-1"
    assert data["triage"]["level"] in ("self_care", "clinician", "urgent", "emergency")
    for key in ("reasons", "screening_complete", "unanswered"):
        assert key in data["triage"]
    assert data["muscles"][0]["id"] == "piriformis"
    for c in data["conditions"]:
        for item in c["evidence"]:
            assert {"finding", "likelihood_ratio", "source"} <= set(item)
    assert data["imaging"]["modality"] in (
        "none",
        "xray",
        "mri",
        "mri_arthrogram",
        "ultrasound",
        "ct",
        "urgent_mri",
    )
    assert all({"id", "why"} <= set(t) for t in data["next_tests"])


def test_a_list_gives_a_list_in_order() -> None:
    case = json.loads(DEMO.read_text())
    cases = [dict(case, id="a"), dict(case, id="b")]
    proc = run("assess", "--input", "-", "--format", "json", stdin=json.dumps(cases))
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in json.loads(proc.stdout)] == ["a", "b"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{not json", "input: not valid JSON"),
        ('{"pain": {"intensity": 11}}', "pain.intensity: 11 is not in 0..10"),
        ('{"symptoms": ["leg_pain"]}', "symptoms[0]: unknown id 'leg_pain'"),
        ('{"age": -3}', "age: -3 is not in 0..120"),
        ('{"symptoms": ["fever"], "absent": ["fever"]}', "absent[0]: 'fever' is also in symptoms"),
        ('{"age": "old"}', "age: 'old' is not a whole number"),
        ('[{"age": 30}, {"age": 300}]', "[1].age: 300 is not in 0..120"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_on_stdout(payload: str, message: str) -> None:
    proc = run("assess", "--input", "-", "--format", "json", stdin=payload)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert message in lines[0]


def test_missing_file_is_a_clear_error() -> None:
    proc = run("assess", "--input", "/nonexistent/case.json")
    assert proc.returncode == 2
    assert "--input: no such file" in proc.stderr


def test_text_output_puts_the_triage_banner_first() -> None:
    case: dict[str, Any] = {"symptoms": ["saddle_anaesthesia"], "pain": {"regions": ["sacrum"]}}
    proc = run("assess", "--input", "-", stdin=json.dumps(case))
    assert proc.returncode == 0, proc.stderr
    first_lines = "\n".join(proc.stdout.splitlines()[:3])
    assert "EMERGENCY" in first_lines
    text = " ".join(proc.stdout.replace("│", " ").split())  # panel borders and wrapping out
    assert "a low figure does not make a warning sign less urgent" in text
    assert "Next examination steps" not in text  # the next step is care, not another test
    routine = run("assess", "--input", str(DEMO))
    assert "Next examination steps" in routine.stdout
    assert "less urgent" not in routine.stdout


def test_interactive_intake_driven_by_a_script(tmp_path: Path) -> None:
    from triggermap.kb.loader import load_knowledge

    kb = load_knowledge()
    answers = ["n"] * sum(s.red_flag for s in kb.symptoms.values())  # warning signs first
    answers += ["5,6", "5", "3", "gradual", "right", "40", "female"]
    answers += ["y"] + [""] * (sum(not s.red_flag for s in kb.symptoms.values()) - 1)
    answers += ["1"]
    saved = tmp_path / "case.json"
    proc = run(
        "assess",
        "--interactive",
        "--save-case",
        str(saved),
        "--format",
        "json",
        stdin="\n".join(answers) + "\n",
    )
    assert proc.returncode == 0, proc.stderr
    case = json.loads(saved.read_text())
    assert case["pain"]["intensity"] == 5
    assert len(case["absent"]) == sum(s.red_flag for s in kb.symptoms.values())
    result = json.loads(proc.stdout[proc.stdout.index("{") :])
    assert result["triage"]["screening_complete"] is True


def test_interactive_intake_stops_at_an_emergency_answer(tmp_path: Path) -> None:
    """Not sure about saddle numbness: the emergency is shown at once, without another
    question (warning signs come first). Answers typed as a person would."""
    from triggermap.kb.loader import load_knowledge

    kb = load_knowledge()
    flags = [s.id for s in kb.symptoms.values() if s.red_flag]
    before = flags[: flags.index("saddle_anaesthesia")]
    answers = ["no"] * len(before) + ["not sure"]
    saved = tmp_path / "case.json"
    proc = run(
        "assess",
        "--interactive",
        "--save-case",
        str(saved),
        stdin="\n".join(answers) + "\n",  # input ends here: no more questions may be asked
    )
    assert proc.returncode == 0, proc.stderr
    assert "EMERGENCY" in proc.stderr and "Your pain" not in proc.stderr
    assert "EMERGENCY" in "\n".join(proc.stdout.splitlines()[:3])
    case = json.loads(saved.read_text())
    assert case["unsure"] == ["saddle_anaesthesia"] and case["absent"] == sorted(before)
    assert not {"pain", "duration_weeks", "onset", "side", "sex"} & set(case)  # not asked


def test_interactive_intake_reads_answers_as_a_person_types_them(tmp_path: Path) -> None:
    from triggermap.kb.loader import load_knowledge

    kb = load_knowledge()
    answers = ["no"] * sum(s.red_flag for s in kb.symptoms.values())
    answers += ["7", "6", "4 days", "grad", "both", "", "f"]
    saved = tmp_path / "case.json"
    proc = run("assess", "--interactive", "--save-case", str(saved), stdin="\n".join(answers))
    assert proc.returncode == 0, proc.stderr
    case = json.loads(saved.read_text())
    assert (case["duration_weeks"], case["onset"], case["side"], case["sex"]) == (
        0.6,
        "gradual",
        "bilateral",
        "female",
    )


def test_imaging_reasons_agree_with_the_recommendation() -> None:
    case = {
        "age": 63,
        "symptoms": ["cancer_history", "night_pain", "weight_loss"],
        "pain": {"regions": ["mid_buttock"]},
    }
    proc = run("assess", "--input", "-", "--format", "json", stdin=json.dumps(case))
    imaging = json.loads(proc.stdout)["imaging"]
    assert imaging["recommended"] is True
    assert all(r["recommended"] for r in imaging["reasons"])


def test_interactive_prompts_do_not_pollute_json_on_stdout(tmp_path: Path) -> None:
    from triggermap.kb.loader import load_knowledge

    kb = load_knowledge()
    answers = ["n"] * sum(s.red_flag for s in kb.symptoms.values())
    answers += ["5", "5", "3", "gradual", "right", "40", "female"]
    answers += [""] * sum(not s.red_flag for s in kb.symptoms.values()) + [""]
    proc = run("assess", "--interactive", "--format", "json", stdin="\n".join(answers) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["triage"]["screening_complete"] is True


def test_unanswered_warning_signs_are_said_first() -> None:
    proc = run("assess", "--input", "-", stdin='{"pain": {"regions": ["upper_buttock"]}}')
    head = "\n".join(proc.stdout.splitlines()[:8])
    assert "warning-sign questions" in head and "No warning signs found" not in proc.stdout


def test_a_mistyped_option_is_one_line_and_exit_2() -> None:
    proc = run("assess", "--inptu", "x.json")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "--inptu" in proc.stderr


def test_input_that_ends_after_the_warning_signs_keeps_the_answers() -> None:
    from triggermap.kb.loader import load_knowledge

    kb = load_knowledge()
    answers = ["y" if s.id == "fever" else "n" for s in kb.symptoms.values() if s.red_flag]
    proc = run("assess", "--interactive", "--format", "json", stdin="\n".join(answers) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "input ended: the remaining questions are left unanswered" in proc.stderr
    result = json.loads(proc.stdout)
    assert result["triage"]["level"] == "urgent" and result["triage"]["screening_complete"]
    early = run("assess", "--interactive", stdin="5\n5\n")
    assert early.returncode == 2 and early.stdout == ""
    assert early.stderr.splitlines()[-1].startswith("triggermap: error: --interactive: input ended")


def test_a_duplicated_key_cannot_hide_a_red_flag() -> None:
    proc = run(
        "assess",
        "--input",
        "-",
        "--format",
        "json",
        stdin='{"symptoms": ["saddle_anaesthesia"], "symptoms": []}',
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        "triggermap: error: input: 'symptoms': this key appears twice in one object"
    ]


def test_a_list_streams_with_the_same_bytes_as_one_dump() -> None:
    from triggermap.kb.loader import load_knowledge
    from triggermap.reasoning.case import parse_case
    from triggermap.reasoning.engine import assess

    kb = load_knowledge()
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    cases = [{**demo, "id": f"c-{i}", "age": 30 + i} for i in range(5)] + [{"id": "é"}]
    proc = run("assess", "--input", "-", "--format", "json", stdin=json.dumps(cases))
    assert proc.returncode == 0, proc.stderr
    results = [assess(parse_case(c, kb), kb).to_json() for c in cases]
    assert proc.stdout == json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    empty = run("assess", "--input", "-", "--format", "json", stdin="[]")
    assert (empty.returncode, empty.stdout) == (0, "[]\n")


def test_a_bad_case_late_in_a_list_is_refused_before_any_result_is_written() -> None:
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    cases = [demo] * 50 + [{"age": 300}]
    for output_format in ("json", "text"):
        proc = run("assess", "-i", "-", "-f", output_format, stdin=json.dumps(cases))
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr == "triggermap: error: [50].age: 300 is not in 0..120\n"


def test_the_help_says_how_large_a_batch_can_be() -> None:
    proc = run("assess", "--help")
    assert "10,000 cases: about 50 MB" in " ".join(proc.stdout.replace("│", " ").split())


@pytest.mark.parametrize("command", [("diary", "add"), ("assess",), ("person", "add")])
def test_the_help_names_each_value_not_a_python_type(command: tuple[str, ...]) -> None:
    """`--person PERSON`, a switch with no value after it; never `<str>` or `<bool>`."""
    shown = " ".join(run(*command, "--help").stdout.replace("│", " ").split())
    assert "<str>" not in shown and "<bool>" not in shown
    assert "--help Show this message" in shown
    if command == ("diary", "add"):
        assert "--person PERSON" in shown and "--self-care Self-care was done" in shown


def test_the_intake_asks_again_for_a_loose_number(tmp_path: Path) -> None:
    """'1_0' is not region 10 and '²' is not a pain score: asked again, never a crash."""
    from triggermap.kb.loader import load_knowledge

    kb = load_knowledge()
    answers = ["n"] * sum(s.red_flag for s in kb.symptoms.values())  # warning signs first
    answers += ["1_0", "5,6", "²", "5", "3", "gradual", "right", "40", "female"]
    answers += [""] * sum(not s.red_flag for s in kb.symptoms.values()) + ["1"]
    saved = tmp_path / "case.json"
    proc = run(
        "assess", "--interactive", "--save-case", str(saved), "-f", "json",
        stdin="\n".join(answers) + "\n",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("Please give numbers from 1 to") == 1
    assert proc.stderr.count("Please give a whole number from 0 to 10") == 1
    case = json.loads(saved.read_text())
    assert case["pain"]["intensity"] == 5 and len(case["pain"]["regions"]) == 2
