"""The care plan as text, byte for byte, for every public vignette: what `triggermap plan`
prints to a pipe (80 columns, and 50 for the wrapping of narrow terminals) and the text
document `plan --format text -o FILE` writes (100 columns, trailing spaces cut).

The files were written by the Rich renderer the plan text had until issue 11; the plain
renderer that replaced it must print the same bytes. Regenerate after an intended change with:
UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden
"""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pytest
from tests.golden.test_handout_golden import IDS, handout

from triggermap.cli.runs import emit_plan, print_plan_text
from triggermap.render.plan_document import render_plan_document

GOLDEN = Path(__file__).resolve().parent / "plan_text"


class _Pipe(io.StringIO):
    """stdout as a pipe: not a terminal."""

    def isatty(self) -> bool:
        return False


def printed(vignette_id: str, columns: int, monkeypatch: pytest.MonkeyPatch) -> str:
    """What `triggermap plan` prints to a pipe when the terminal is `columns` wide."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", str(columns))
    out = _Pipe()
    monkeypatch.setattr(sys, "stdout", out)
    emit_plan(handout(vignette_id), "text", None, large=False, force=False)
    monkeypatch.setattr(sys, "stdout", sys.__stdout__)
    return out.getvalue()


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"the plan text {name} changed"


@pytest.mark.parametrize("vignette_id", IDS)
@pytest.mark.parametrize("columns", [80, 50])
def test_printed_plan_matches_golden_file(
    vignette_id: str, columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    _check(f"{vignette_id}.{columns}.txt", printed(vignette_id, columns, monkeypatch))


@pytest.mark.parametrize("vignette_id", IDS)
def test_text_document_matches_golden_file(vignette_id: str) -> None:
    _check(f"{vignette_id}.doc.txt", render_plan_document(handout(vignette_id), "text"))


@pytest.mark.parametrize("vignette_id", IDS[:3])
def test_a_terminal_gets_the_same_text_in_colour(vignette_id: str) -> None:
    """On a terminal Rich colours the same lines: without its colour codes, the same text."""
    from rich.console import Console

    console = Console(file=io.StringIO(), width=80, color_system="truecolor", force_terminal=True)
    print_plan_text(handout(vignette_id), console=console)
    coloured = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1m" in coloured  # bold: it is coloured
    text = re.sub("\x1b\\[[0-9;]*m", "", coloured)
    assert text == (GOLDEN / f"{vignette_id}.80.txt").read_text(encoding="utf-8")


def test_every_golden_file_has_a_vignette() -> None:
    known = set(IDS)
    assert {p.name.split(".")[0] for p in GOLDEN.glob("*.txt")} <= known
