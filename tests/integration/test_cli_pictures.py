"""Pictures and the handout's clinician options as a person uses them: real processes, files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-case.json"


def run(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "triggermap", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def test_kb_illustration_writes_svg_and_png(tmp_path: Path) -> None:
    svg, png = tmp_path / "fig4.svg", tmp_path / "fig4.png"
    proc = run("kb", "illustration", "stretch_piriformis", "-o", str(svg), "--side", "left")
    assert proc.returncode == 0, proc.stderr
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<svg") and "<title>Figure-4 stretch for the piriformis (left side)"
    assert 'data-muscle="piriformis"' in text and 'data-side="left"' in text
    proc = run("kb", "illustration", "stretch_piriformis", "-o", str(png))
    assert proc.returncode == 0, proc.stderr
    assert png.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("no_such_item", "-o", "x.svg"), "no picture for 'no_such_item'"),
        (("stretch_piriformis", "-o", "x.gif"), "--output"),
        (("stretch_piriformis", "-o", "x.svg", "--side", "both"), "--side"),
        (("stretch_piriformis", "-o", "no/such/folder/x.svg"), "--output"),
    ],
)
def test_kb_illustration_bad_input_is_one_line(args: tuple[str, ...], names: str) -> None:
    proc = run("kb", "illustration", *args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and names in lines[0], proc.stderr


def test_kb_show_says_where_the_picture_is() -> None:
    proc = run("kb", "show", "treatments", "strengthen_clamshell")
    assert proc.returncode == 0, proc.stderr
    flat = " ".join(proc.stdout.split())
    assert "illustrations/strengthen_clamshell.yaml" in flat
    assert "triggermap kb illustration strengthen_clamshell" in flat


def test_kb_check_says_every_self_care_item_has_a_picture() -> None:
    proc = run("kb", "check")
    assert proc.returncode == 0, proc.stderr
    assert "every self-care item has a picture that draws" in proc.stdout


def test_plan_prints_the_clinician_and_the_note(tmp_path: Path) -> None:
    out = tmp_path / "plan.html"
    proc = run(
        "plan",
        "--input",
        str(DEMO),
        "--format",
        "html",
        "-o",
        str(out),
        "--clinician",
        "Dr A. Lee",
        "--note",
        "Start gently.",
        "--large-print",
    )
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "from Dr A. Lee" in html and "Start gently." in html
    assert '<body class="large">' in html and html.count("<svg") > 5


@pytest.mark.parametrize(
    ("option", "value"), [("--note", "   "), ("--clinician", "x" * 81), ("--note", "a\x07b")]
)
def test_plan_refuses_a_bad_clinician_or_note(option: str, value: str) -> None:
    proc = run("plan", "--input", str(DEMO), option, value)
    assert proc.returncode == 2 and option in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_session_shows_the_picture_of_each_exercise(tmp_path: Path) -> None:
    proc = run(
        "session", "--input", str(DEMO), "--fast", stdin="q\n", TRIGGERMAP_CACHE_DIR=str(tmp_path)
    )
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if "Picture: " in x)
    path = Path(line.split("Picture: ", 1)[1])
    assert path.exists() and path.parent == tmp_path / "pictures"
    assert path.read_bytes()[:4] in (b"\x89PNG", b"<svg")
    assert path.stat().st_mode & 0o777 == 0o600
