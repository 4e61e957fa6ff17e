"""The records commands as a person runs them: one-line errors, exit codes, nothing written.

Most run in-process through `triggermap.cli.app.main` (fast); a few run real processes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from triggermap.cli.app import main


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


Cli = Callable[..., Run]


@pytest.fixture
def cli(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Cli:
    monkeypatch.setenv("TRIGGERMAP_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("COLUMNS", "160")

    def run(*args: str) -> Run:
        monkeypatch.setattr(sys, "argv", ["triggermap", *args])
        with pytest.raises(SystemExit) as exit_:
            main()
        captured = capsys.readouterr()
        code = exit_.value.code
        return Run(code if isinstance(code, int) else 0, captured.out, captured.err)

    return run


def add_person(cli: Cli, label: str = "P-014") -> str:
    result = cli("person", "add", label, "--birth-year", "1970", "--sex", "female")
    assert result.code == 0, result.err
    return str(result.out.strip())


def test_person_add_list_show_delete(cli: Cli) -> None:
    pid = add_person(cli)
    assert len(pid) == 12
    listed = cli("person", "list", "--json")
    assert [p["id"] for p in json.loads(listed.out)] == [pid]
    assert pid in cli("person", "list").out
    shown = cli("person", "show", pid)
    assert "P-014" in shown.out and "diary entries" in shown.out
    refused = cli("person", "delete", pid)
    assert refused.code == 2 and refused.err.startswith("triggermap: error: --yes: required")
    assert cli("person", "delete", pid, "--yes").code == 0
    gone = cli("person", "show", pid)
    assert gone.code == 2
    assert gone.err == (
        f"triggermap: error: person: no person with id or label '{pid}' "
        "(see triggermap person list)\n"
    )


def test_an_erased_person_leaves_no_bytes_in_the_database_files(cli: Cli, sqlite_url: str) -> None:
    """After `person delete` the label and a diary note are in none of the SQLite files (the
    database, its write-ahead log): erased means gone from the disk, not only from the tables."""
    pid = add_person(cli, "Secret-Label-7731")
    note = "private-note-about-my-sciatica-4412"
    assert cli("diary", "add", "--person", pid, "--pain", "5", "--note", note).code == 0
    add_person(cli, "Other-Person")  # the database stays in use after the erase
    assert cli("person", "delete", pid, "--yes").code == 0
    folder = Path(sqlite_url.removeprefix("sqlite:///")).parent
    files = [f for f in folder.iterdir() if f.name.startswith("records.db")]
    assert files
    for f in files:
        data = f.read_bytes()
        assert b"Secret-Label-7731" not in data and note.encode() not in data, f.name


def test_diary_peg_progress_and_chart(cli: Cli, tmp_path: Path) -> None:
    pid = add_person(cli)
    for day in range(1, 22):
        pain = str(7 - day // 8)
        result = cli(
            "diary",
            "add",
            "--person",
            pid,
            "--pain",
            pain,
            "--regions",
            "mid_buttock,sacrum",
            "--symptoms",
            "worse_sitting",
            "--date",
            f"2024-05-{day:02d}",
            "--self-care",
        )
        assert result.code == 0, result.err
    assert cli(
        "peg",
        "--person",
        pid,
        "--pain",
        "6",
        "--enjoyment",
        "5",
        "--activity",
        "7",
        "--date",
        "2024-05-01",
    ).out.startswith("saved PEG")
    listed = json.loads(cli("diary", "list", "--person", pid, "--json").out)
    assert len(listed) == 21 and listed[0]["regions"] == ["mid_buttock", "sacrum"]
    chart = tmp_path / "progress.png"
    shown = cli("progress", "--person", pid, "--as-of", "2024-05-21", "--chart", str(chart))
    assert shown.code == 0, shown.err
    assert shown.out.splitlines()[1].startswith("SEE A CLINICIAN: not clearly better")
    assert chart.read_bytes().startswith(b"\x89PNG")
    svg = tmp_path / "progress.svg"
    data = json.loads(
        cli(
            "progress",
            "--person",
            pid,
            "--as-of",
            "2024-05-21",
            "--json",
            "--chart",
            str(svg),
        ).out
    )
    assert data["escalations"][0]["reason"] == "not_better"
    assert svg.read_text().lstrip().startswith("<?xml")


def test_a_red_flag_diary_entry_shows_triage_first(cli: Cli) -> None:
    pid = add_person(cli)
    result = cli(
        "diary",
        "add",
        "--person",
        pid,
        "--pain",
        "6",
        "--symptoms",
        "saddle_anaesthesia",
        "--date",
        "2024-05-02",
    )
    assert result.code == 0, result.err
    assert result.out.startswith("TRIAGE (red-flag symptom not yet rechecked): EMERGENCY")
    assert result.out.rstrip().splitlines()[-1].startswith("saved diary entry")
    progress = cli("progress", "--person", pid, "--as-of", "2024-05-02")
    assert progress.out.startswith("TRIAGE (red-flag symptom not yet rechecked): EMERGENCY")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pain", "11"], "pain: 11 is not in 0..10"),
        (["--pain", "high"], "pain: 'high' is not a whole number"),
        (
            ["--pain", "3", "--regions", "mid_buttock,elbow"],
            "regions[1]: unknown region id 'elbow'",
        ),
        (["--pain", "3", "--symptoms", "leg_ache"], "symptoms[0]: unknown symptom id 'leg_ache'"),
        (["--pain", "3", "--date", "2999-01-01"], "date: 2999-01-01 is in the future"),
        (
            ["--pain", "3", "--date", "1960-01-01"],
            "date: 1960-01-01 is before P-014's year of birth (1970)",
        ),
    ],
)
def test_bad_diary_input_is_one_line_exit_2_and_writes_nothing(
    cli: Cli, args: list[str], message: str
) -> None:
    pid = add_person(cli)
    result = cli("diary", "add", "--person", pid, *args)
    assert result.code == 2
    assert result.err.startswith(f"triggermap: error: {message}")
    assert result.err.count("\n") == 1
    assert json.loads(cli("diary", "list", "--person", pid, "--json").out) == []


def test_unknown_person_and_bad_peg(cli: Cli, sqlite_url: str) -> None:
    nothing_yet = cli("diary", "add", "--person", "nobody", "--pain", "3")
    assert nothing_yet.code == 2
    assert nothing_yet.err.startswith("triggermap: error: database: there is no database at")
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()  # a typo creates nothing
    listed = cli("person", "list")
    assert listed.code == 2 and "there is no database at" in listed.err
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()
    pid = add_person(cli)
    missing = cli("diary", "add", "--person", "nobody", "--pain", "3")
    assert (missing.code, missing.err) == (
        2,
        "triggermap: error: person: no person with id or label 'nobody' "
        "(see triggermap person list)\n",
    )
    bad = cli("peg", "--person", pid, "--pain", "3", "--enjoyment", "12", "--activity", "1")
    assert (bad.code, bad.err) == (2, "triggermap: error: enjoyment: 12 is not in 0..10\n")
    bad_db = cli("person", "list", "--db", "mysql://localhost/x")
    assert bad_db.code == 2 and bad_db.err.startswith("triggermap: error: --db: 'mysql")
    not_a_db = Path(sqlite_url.removeprefix("sqlite:///")).with_name("notes.txt")
    not_a_db.write_text("shopping list\n" * 100)
    unusable = cli("person", "list", "--db", str(not_a_db))
    assert unusable.code == 2 and "file is not a database" in unusable.err
    assert unusable.err.count("\n") == 1
    import sqlite3

    foreign = not_a_db.with_name("other-app.db")
    other = sqlite3.connect(foreign)
    other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    other.commit()
    other.close()
    before = foreign.read_bytes()
    for command in (["person", "list"], ["person", "add", "Q"]):
        refused = cli(*command, "--db", str(foreign))
        assert refused.code == 2 and "is not a triggermap database" in refused.err
    assert foreign.read_bytes() == before  # not a byte changed (no WAL switch either)
    with sqlite3.connect(foreign) as other:  # untouched: still only its own table
        tables = [r[0] for r in other.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["notes"]


def test_export_import_round_trip_through_files(cli: Cli, tmp_path: Path) -> None:
    pid = add_person(cli)
    cli(
        "diary",
        "add",
        "--person",
        pid,
        "--pain",
        "4",
        "--note",
        "après le vélo",
        "--date",
        "2024-05-01",
    )
    first = tmp_path / "first.json"
    assert cli("export", "--person", pid, "-o", str(first)).code == 0
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    imported = cli("import", str(first), "--db", empty)
    assert (imported.code, imported.out.strip()) == (0, pid)
    again = cli("export", "--person", pid, "--db", empty)
    assert again.out == first.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{oops", "import: not valid JSON"),
        ("[]", "document: expected a JSON object"),
        ('{"format": "triggermap.person"}', "version: missing"),
        ('{"age": 40, "pain": {"regions": ["mid_buttock"]}}', "format: missing: this is not a"),
    ],
)
def test_malformed_import_file(cli: Cli, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = cli("import", str(path))
    assert result.code == 2 and result.err.startswith(f"triggermap: error: {message}")
    assert "there is no database at" in cli("person", "list").err  # nothing at all was written


def test_many_processes_adding_at_once_never_say_locked(sqlite_url: str, tmp_path: Path) -> None:
    """Real `triggermap` processes, started together on a database that does not exist yet."""
    command = [sys.executable, "-m", "triggermap"]
    pid = subprocess.run(
        [*command, "person", "add", "P", "--db", sqlite_url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    writers = [
        subprocess.Popen(
            [
                *command,
                "diary",
                "add",
                "--person",
                pid,
                "--pain",
                str(n),
                "--date",
                "2024-05-01",
                "--db",
                sqlite_url,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    results = [(w.wait(timeout=120), *w.communicate()) for w in writers]
    assert all(code == 0 for code, _, _ in results), [err for _, _, err in results]
    assert not any("locked" in err for _, _, err in results)
    listed = subprocess.run(
        [*command, "diary", "list", "--person", pid, "--json", "--db", sqlite_url],
        capture_output=True,
        text=True,
        check=True,
    )
    assert sorted(e["pain"] for e in json.loads(listed.stdout)) == list(range(4))


DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-case.json"


def demo_case(tmp_path: Path, present: tuple[str, ...] = (), unknown: tuple[str, ...] = ()) -> str:
    """The demo case with `present` symptoms reported and `unknown` ones not asked."""
    case = json.loads(DEMO.read_text())
    case["symptoms"] = [*case.get("symptoms", []), *present]
    case["absent"] = [s for s in case.get("absent", []) if s not in {*present, *unknown}]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    return str(path)


def test_diary_add_and_progress_agree_over_every_unseen_red_flag(cli: Cli, tmp_path: Path) -> None:
    """Immunosuppression in the saved case, then night pain, then weight loss in the diary:
    both flags count together (urgent), in `diary add` and in `progress` alike."""
    pid = add_person(cli)
    path = demo_case(tmp_path, ("immunosuppression",), ("night_pain", "weight_loss"))
    saved = cli("assess", "--input", path, "--save", "--person", pid)
    assert saved.code == 0, saved.err
    first = cli("diary", "add", "--person", pid, "--pain", "5", "--symptoms", "night_pain")
    assert first.out.startswith("TRIAGE (red-flag symptom not yet rechecked): URGENT")
    second = cli("diary", "add", "--person", pid, "--pain", "5", "--symptoms", "weight_loss")
    assert second.out.startswith("TRIAGE (red-flag symptom not yet rechecked): URGENT")
    assert cli("progress", "--person", pid).out.startswith(
        "TRIAGE (red-flag symptom not yet rechecked): URGENT"
    )


def test_a_plan_or_session_for_a_person_heeds_their_diary_red_flags(cli: Cli) -> None:
    pid = add_person(cli)
    calm = json.loads(cli("plan", "--input", str(DEMO), "--format", "json", "--person", pid).out)
    assert calm["triage"]["level"] == "clinician"
    assert [i for i in calm["items"] if i["kind"] == "self_release"]
    cli("diary", "add", "--person", pid, "--pain", "6", "--symptoms", "saddle_anaesthesia")
    plan = cli("plan", "--input", str(DEMO), "--format", "json", "--person", pid)
    assert plan.code == 0, plan.err
    data = json.loads(plan.out)
    assert data["triage"]["level"] == "emergency"
    assert not [i for i in data["items"] if i["kind"] in ("self_release", "stretch", "strengthen")]
    assert "red flags that no assessment has rechecked put the triage at emergency" in plan.err
    session = cli("session", "--input", str(DEMO), "--person", pid, "--fast")
    assert "EMERGENCY: no exercises today" in session.out and "Hold" not in session.out


def test_progress_puts_a_saved_emergency_assessment_first(cli: Cli, tmp_path: Path) -> None:
    pid = add_person(cli)
    path = demo_case(tmp_path, ("bladder_bowel_dysfunction",))
    assert cli("assess", "--input", path, "--save", "--person", pid).code == 0
    progress = cli("progress", "--person", pid)
    assert progress.out.startswith("TRIAGE (the latest saved assessment): EMERGENCY")
    data = json.loads(cli("progress", "--person", pid, "--json").out)
    assert data["triage"]["cause"] == "saved"
    assert data["triage"]["assessment"]["triage"]["level"] == "emergency"


def test_half_done_commands_print_nothing(cli: Cli, tmp_path: Path) -> None:
    pid = add_person(cli)
    cli("diary", "add", "--person", pid, "--pain", "4")
    taken = tmp_path / "taken.svg"
    taken.mkdir()  # a folder where the chart should go: refused before the report is made
    chart = cli("progress", "--person", pid, "--chart", str(taken))
    assert chart.code == 2 and chart.out == ""  # no report printed before the failed chart
    assert chart.err.startswith("triggermap: error: --chart: ")
    assert chart.err.endswith("taken.svg' is a folder, not a file\n")
    lonely = cli("assess", "--input", str(DEMO), "--person", pid)
    assert lonely.code == 2 and "--person is only used with --save" in lonely.err
    saved = cli("assess", "--input", str(DEMO), "--person", pid, "--save", "--format", "json")
    assert saved.code == 0 and f"saved the assessment for person {pid}" in saved.err


def test_progress_figures_add_up_as_shown(cli: Cli) -> None:
    pid = add_person(cli)
    for day, pain in [(1, 6), (2, 6), (3, 6), (4, 7), (20, 3), (21, 3), (22, 3), (23, 2)]:
        cli("diary", "add", "--person", pid, "--pain", str(pain), "--date", f"2024-03-{day:02d}")
    out = cli("progress", "--person", pid, "--as-of", "2024-03-23").out
    assert "at the start   6.3" in out and "latest week    2.8" in out  # 6.25 and 2.75
    assert "change        -3.5 points" in out
    assert "clearly better means 4.4 or less" in out  # 6.25 * 0.7 = 4.375


def test_no_command_lets_a_diary_entry_lower_a_saved_emergency(cli: Cli, tmp_path: Path) -> None:
    """Saved: both legs drawn, weakness getting worse (emergency). A later diary entry with
    one region and the same flag must not bring the person down to urgent anywhere."""
    pid = add_person(cli)
    case = json.loads(Path(demo_case(tmp_path, ("progressive_weakness",))).read_text())
    case["side"] = "bilateral"
    case["pain"]["regions"] = ["mid_buttock", "posterior_thigh"]
    path = tmp_path / "both.json"
    path.write_text(json.dumps(case))
    assert cli("assess", "--input", str(path), "--save", "--person", pid).code == 0
    added = cli(
        "diary",
        "add",
        "--person",
        pid,
        "--pain",
        "5",
        "--regions",
        "mid_buttock",
        "--symptoms",
        "progressive_weakness",
    )
    assert "EMERGENCY" in added.out.splitlines()[0]
    assert "EMERGENCY" in cli("progress", "--person", pid).out.splitlines()[0]
    plan = json.loads(cli("plan", "--input", str(DEMO), "--format", "json", "--person", pid).out)
    assert plan["triage"]["level"] == "emergency"


def test_a_saved_urgent_assessment_holds_for_plans_until_a_new_one(
    cli: Cli, tmp_path: Path
) -> None:
    pid = add_person(cli)
    assert (
        cli("assess", "--input", demo_case(tmp_path, ("fever",)), "--save", "--person", pid).code
        == 0
    )
    plan = cli("plan", "--input", str(DEMO), "--format", "json", "--person", pid)
    assert json.loads(plan.out)["triage"]["level"] == "urgent"
    assert "the latest saved assessment put the triage at urgent" in plan.err
    session = cli("session", "--input", str(DEMO), "--person", pid, "--fast")
    assert "URGENT: no exercises today" in session.out
    assert cli("assess", "--input", str(DEMO), "--save", "--person", pid).code == 0  # seen again
    calm = json.loads(cli("plan", "--input", str(DEMO), "--format", "json", "--person", pid).out)
    assert calm["triage"]["level"] == "clinician"


def test_an_assessment_that_never_asked_about_a_diary_flag_does_not_clear_it(
    cli: Cli, tmp_path: Path
) -> None:
    pid = add_person(cli)
    cli("diary", "add", "--person", pid, "--pain", "6", "--symptoms", "saddle_anaesthesia")
    silent = demo_case(tmp_path, unknown=("saddle_anaesthesia",))  # the question not asked
    saved = cli("assess", "--input", silent, "--save", "--person", pid, "--format", "json")
    assert (
        saved.code == 0 and "not asked by this assessment: numbness in the saddle area" in saved.err
    )
    assert "EMERGENCY" in cli("progress", "--person", pid).out.splitlines()[0]
    asked = demo_case(tmp_path)  # the demo case answers it: absent
    cleared = cli("assess", "--input", asked, "--save", "--person", pid, "--format", "json")
    assert cleared.code == 0 and "answered no: numbness in the saddle area" in cleared.err
    assert not cli("progress", "--person", pid).out.startswith("TRIAGE")


def test_an_unknown_person_is_said_before_the_intake_asks_anything(cli: Cli) -> None:
    add_person(cli)
    typo = cli("assess", "--interactive", "--save", "--person", "typo123")
    assert typo.code == 2 and typo.out == ""
    assert typo.err == (
        "triggermap: error: person: no person with id or label 'typo123' "
        "(see triggermap person list)\n"
    )


def test_the_verdict_agrees_with_the_figures_at_the_threshold(cli: Cli) -> None:
    pid = add_person(cli)
    days = [(1, 6), (2, 6), (3, 6), (4, 7), (19, 5), (20, 4), (21, 4), (22, 5), (23, 4)]
    for day, pain in days:  # start 6.25 -> 6.3; latest week 4.4
        cli("diary", "add", "--person", pid, "--pain", str(pain), "--date", f"2024-03-{day:02d}")
    out = cli("progress", "--person", pid, "--as-of", "2024-03-23").out
    assert "latest week    4.4" in out and "clearly better means 4.4 or less" in out
    assert "-1.9 points (-30.2%): clearly better" in out


def test_an_export_of_version_1_still_imports(cli: Cli, tmp_path: Path) -> None:
    pid = add_person(cli)
    cli("diary", "add", "--person", pid, "--pain", "4", "--date", "2024-05-01")
    cli("peg", "--person", pid, "--pain", "4", "--enjoyment", "3", "--activity", "5")
    document = json.loads(cli("export", "--person", pid).out)
    assert document["version"] == 2 and document["diary"][0]["day"] == "2024-05-01"
    old = dict(document, version=1)
    old["diary"] = [{("date" if k == "day" else k): v for k, v in d.items()} for d in old["diary"]]
    old["peg"] = [{("date" if k == "day" else k): v for k, v in g.items()} for g in old["peg"]]
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(old))
    other = str(tmp_path / "other.db")
    imported = cli("import", str(path), "--db", other)
    assert imported.code == 0, imported.err
    again = json.loads(cli("export", "--person", pid, "--db", other).out)
    assert again == document


def test_a_saved_flag_stays_until_an_assessment_answers_it(cli: Cli, tmp_path: Path) -> None:
    pid = add_person(cli)
    emergency = demo_case(tmp_path, ("saddle_anaesthesia",))
    assert cli("assess", "--input", emergency, "--save", "--person", pid, "-f", "json").code == 0
    silent = demo_case(tmp_path, unknown=("saddle_anaesthesia",))  # overwrites case.json
    assert cli("assess", "--input", silent, "--save", "--person", pid, "-f", "json").code == 0
    assert "EMERGENCY" in cli("progress", "--person", pid).out.splitlines()[0]
    plan = json.loads(cli("plan", "--input", silent, "-f", "json", "--person", pid).out)
    assert plan["triage"]["level"] == "emergency"


def test_a_milder_later_entry_does_not_lower_the_pain_the_flags_are_read_with(cli: Cli) -> None:
    pid = add_person(cli)  # born 1970
    first = cli("diary", "add", "--person", pid, "--pain", "9", "--symptoms", "long_term_steroids")
    assert "URGENT" in first.out.splitlines()[0]
    later = cli("diary", "add", "--person", pid, "--pain", "3", "--symptoms", "night_pain")
    assert "URGENT" in later.out.splitlines()[0]


def test_the_year_of_birth_gives_the_age_when_no_case_does(cli: Cli) -> None:
    old = cli("person", "add", "P-020", "--birth-year", "1940").out.strip()
    entry = cli("diary", "add", "--person", old, "--pain", "5", "--symptoms", "weight_loss")
    assert "URGENT" in entry.out.splitlines()[0]  # weight loss over 50


def test_regions_drawn_in_the_diary_around_a_flag_count(cli: Cli, tmp_path: Path) -> None:
    pid = add_person(cli)
    case = json.loads(Path(demo_case(tmp_path)).read_text())
    case.update(side="bilateral", pain={"regions": ["mid_buttock"], "intensity": 4})
    path = tmp_path / "buttocks.json"
    path.write_text(json.dumps(case))
    assert cli("assess", "--input", str(path), "--save", "--person", pid, "-f", "json").code == 0
    cli("diary", "add", "--person", pid, "--pain", "5", "--regions", "posterior_thigh")
    flagged = cli(
        "diary", "add", "--person", pid, "--pain", "5", "--symptoms", "progressive_weakness"
    )
    assert "EMERGENCY" in flagged.out.splitlines()[0]  # both legs drawn, weakness worsening


def _days_ago(n: int) -> str:
    from datetime import date, timedelta

    return (date.today() - timedelta(days=n)).isoformat()


def test_the_recent_diary_still_counts_after_an_assessment_that_did_not_ask(
    cli: Cli, tmp_path: Path
) -> None:
    """Pain 9, then osteoporosis (urgent: fracture risk); an assessment that asks nothing must
    not lose the pain of the weeks before it."""
    pid = cli("person", "add", "P", "--birth-year", "1950").out.strip()
    cli("diary", "add", "--person", pid, "--pain", "9", "--date", _days_ago(15))
    flagged = cli(
        "diary",
        "add",
        "--person",
        pid,
        "--pain",
        "3",
        "--symptoms",
        "osteoporosis",
        "--date",
        _days_ago(13),
    )
    assert "URGENT" in flagged.out.splitlines()[0]
    case = json.loads(DEMO.read_text())
    for part in ("absent", "unsure"):
        case.pop(part, None)
    case["duration_weeks"] = 3  # a recent episode, as the fracture rule reads it
    path = tmp_path / "noask.json"
    path.write_text(json.dumps(case))
    assert cli("assess", "--input", str(path), "--save", "--person", pid, "-f", "json").code == 0
    assert "URGENT" in cli("progress", "--person", pid).out.splitlines()[0]
    plan = json.loads(cli("plan", "--input", str(path), "-f", "json", "--person", pid).out)
    assert plan["triage"]["level"] == "urgent"


def test_what_an_earlier_assessment_found_holds_until_rechecked(cli: Cli, tmp_path: Path) -> None:
    pid = cli("person", "add", "C").out.strip()  # no year of birth
    case = json.loads(Path(demo_case(tmp_path, ("weight_loss",))).read_text())
    case["age"] = 55  # weight loss over 50: urgent
    first = tmp_path / "wl55.json"
    first.write_text(json.dumps(case))
    assert cli("assess", "--input", str(first), "--save", "--person", pid, "-f", "json").code == 0
    later = json.loads(DEMO.read_text())
    for part in ("absent", "unsure", "age"):
        later.pop(part, None)
    second = tmp_path / "noask.json"
    second.write_text(json.dumps(later))
    saved = cli("assess", "--input", str(second), "--save", "--person", pid, "-f", "json")
    assert "still open for person" in saved.err and "weight loss" in saved.err
    assert "URGENT" in cli("progress", "--person", pid).out.splitlines()[0]


def test_a_look_back_leaves_out_assessments_saved_after_it(cli: Cli, tmp_path: Path) -> None:
    pid = add_person(cli)
    cli(
        "diary",
        "add",
        "--person",
        pid,
        "--pain",
        "4",
        "--symptoms",
        "fever",
        "--date",
        _days_ago(20),
    )
    assert cli("assess", "--input", str(DEMO), "--save", "--person", pid, "-f", "json").code == 0
    now = cli("progress", "--person", pid, "--json")
    assert json.loads(now.out)["triage"] is None  # the assessment today answered it
    back = json.loads(cli("progress", "--person", pid, "--json", "--as-of", _days_ago(18)).out)
    assert back["triage"]["assessment"]["triage"]["level"] == "urgent"


def test_a_diary_flag_with_no_assessment_says_the_check_is_not_complete(cli: Cli) -> None:
    pid = add_person(cli)
    out = cli("diary", "add", "--person", pid, "--pain", "2", "--symptoms", "numbness_tingling").out
    assert out.startswith("TRIAGE (red-flag symptom not yet rechecked)")
    assert "Not a full check:" in out and "triggermap assess --interactive" in out


def test_a_malformed_stored_case_does_not_stop_the_person_s_commands(
    cli: Cli, tmp_path: Path
) -> None:
    pid = add_person(cli)
    assert cli("assess", "--input", str(DEMO), "--save", "--person", pid, "-f", "json").code == 0
    document = json.loads(cli("export", "--person", pid).out)
    document["assessments"][0]["case"]["exam"] = ["not", "an", "exam"]
    document["person"]["id"] = "imported-1"
    document["assessments"][0]["id"] = "a-imported"
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(document))
    other = str(tmp_path / "other.db")
    assert cli("import", str(path), "--db", other).code == 0
    flagged = cli(
        "diary",
        "add",
        "--person",
        "imported-1",
        "--pain",
        "5",
        "--symptoms",
        "fever",
        "--db",
        other,
    )
    assert flagged.code == 0 and "URGENT" in flagged.out.splitlines()[0], flagged.err
    assert "URGENT" in cli("progress", "--person", "imported-1", "--db", other).out
    plan = cli("plan", "--input", str(DEMO), "-f", "json", "--person", "imported-1", "--db", other)
    assert plan.code == 0 and json.loads(plan.out)["triage"]["level"] == "urgent"


def test_a_relative_sqlite_url_works(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    added = cli("person", "add", "R", "--db", "sqlite:///relative.db")
    assert added.code == 0, added.err
    assert cli("person", "list", "--db", "sqlite:///relative.db").code == 0
    assert (tmp_path / "relative.db").exists()


def test_import_refuses_an_entry_written_before_its_day(cli: Cli, tmp_path: Path) -> None:
    pid = add_person(cli)
    cli("diary", "add", "--person", pid, "--pain", "4", "--date", "2024-05-01")
    document = json.loads(cli("export", "--person", pid).out)
    document["diary"][0]["day"] = "2024-05-20"
    document["diary"][0]["recorded_at"] = "2024-05-02T09:00:00+00:00"
    path = tmp_path / "backdated.json"
    path.write_text(json.dumps(document))
    result = cli("import", str(path), "--db", str(tmp_path / "x.db"))
    assert result.code == 2 and "diary[0].recorded_at:" in result.err
    assert "is before the entry's day 2024-05-20" in result.err
