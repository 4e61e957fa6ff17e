"""Drawn pictures are kept between runs: in private files, keyed by everything that draws
them, never trusted when unreadable; the PDF handout draws each picture's shapes once."""

from __future__ import annotations

import json
import re
import stat
from datetime import date
from pathlib import Path

import pytest

from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case
from triggermap.render import plan_words as words
from triggermap.render.pictures import cache, scene
from triggermap.render.pictures.cache import cache_folder, drawn_picture
from triggermap.render.plan_pdf import render_plan_pdf
from triggermap.services.plan import make_plan

ITEM = "strengthen_clamshell"
DEMO = Path(__file__).resolve().parents[3] / "examples" / "demo-case.json"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRIGGERMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_MEMORY", {})
    return cache_folder()


def _draw(kb: KnowledgeBase, side: str = "left", item: str = ITEM) -> cache.DrawnPicture:
    muscles = kb.treatments[item].muscles
    return drawn_picture(kb.illustrations[item], muscles=muscles, side=side)


def _no_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the picture was drawn again")

    monkeypatch.setattr(scene, "draw_picture", refuse)


def test_a_drawn_picture_is_kept_in_a_private_file_and_read_back(
    kb: KnowledgeBase, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _draw(kb)
    (path,) = folder.iterdir()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    monkeypatch.setattr(cache, "_MEMORY", {})
    _no_drawing(monkeypatch)
    assert _draw(kb) == first
    assert 'data-side="left"' in first.svg and "Left side" in {t.text for t in first.pdf_texts}


def test_the_side_and_an_edited_pose_are_different_pictures(
    kb: KnowledgeBase, folder: Path
) -> None:
    left, right = _draw(kb, "left"), _draw(kb, "right")
    assert left.key != right.key and 'data-side="right"' in right.svg
    illustration = kb.illustrations[ITEM]
    edited = illustration.model_copy(update={"title": "Clamshell, edited"})
    moved = drawn_picture(edited, muscles=kb.treatments[ITEM].muscles, side="left")
    assert moved.key != left.key and "<title>Clamshell, edited (left side)</title>" in moved.svg


def test_an_unreadable_cache_entry_is_drawn_again(
    kb: KnowledgeBase, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _draw(kb)
    (path,) = folder.iterdir()
    path.write_text('{"format": 1, "svg": ', encoding="utf-8")
    monkeypatch.setattr(cache, "_MEMORY", {})
    assert _draw(kb) == first
    assert path.read_text(encoding="utf-8").startswith('{"format": 1, "svg": "<svg')


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TRIGGERMAP_CACHE_DIR", str(blocker))
    monkeypatch.setattr(cache, "_MEMORY", {})
    assert "<svg" in _draw(kb).svg


def test_the_pdf_draws_each_pictures_shapes_once(kb: KnowledgeBase, folder: Path) -> None:
    """Each exercise appears on page one and again in its details: one form serves both."""
    case = json.loads(DEMO.read_text(encoding="utf-8"))
    handout = make_plan(parse_case(case, kb), kb, today=date(2026, 1, 15)).handout
    pdf = render_plan_pdf(handout)
    forms = re.findall(rb"/Subtype /Form", pdf)
    shown = [item.id for item in words.routine_items(handout) if item.id in handout.art]
    assert len(shown) >= 3 and len(forms) == len(shown)
