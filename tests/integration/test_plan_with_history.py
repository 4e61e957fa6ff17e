"""A plan made for a person with a pain diary carries their progress chart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-case.json"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "triggermap", *args], capture_output=True, text=True, timeout=120
    )


def test_handout_has_the_progress_chart_only_with_a_diary(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'records.db'}"
    person = run("person", "add", "P-1", "--db", db).stdout.strip()
    html = tmp_path / "plan.html"
    plan = (
        "plan",
        "--input",
        str(DEMO),
        "--person",
        person,
        "--db",
        db,
        "--format",
        "html",
        "-o",
        str(html),
        "--force",
        "--date",
        "2026-11-20",
    )
    assert run(*plan).returncode == 0
    assert "Your progress so far" not in html.read_text()
    for day, pain in (("2026-11-01", 7), ("2026-11-08", 5), ("2026-11-15", 3)):
        added = run(
            "diary", "add", "--person", person, "--pain", str(pain), "--date", day, "--db", db
        )
        assert added.returncode == 0, added.stderr
    proc = run(*plan)
    assert proc.returncode == 0, proc.stderr
    text = html.read_text()
    assert "Your progress so far" in text and "data:image/png;base64," in text


def test_unknown_person_is_a_clear_error(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'records.db'}"
    proc = run(
        "plan",
        "--input",
        str(DEMO),
        "--person",
        "nobody",
        "--db",
        db,
        "--format",
        "html",
        "-o",
        str(tmp_path / "p.html"),
    )
    assert proc.returncode == 2
    assert "person" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_unrecognised_preferences_are_noted_not_fatal(tmp_path: Path) -> None:
    import json

    case = json.loads(DEMO.read_text())
    case["preferences"] = {"avoid": ["dry needling"], "equipment": ["massage_ball"]}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    proc = run("plan", "--input", str(path), "--format", "json")
    assert proc.returncode == 0
    assert "preferences.avoid: 'dry needling' is not a treatment id" in proc.stderr
    assert "massage_ball" not in proc.stderr
