"""The printed handouts of the public vignettes: their structure pinned as golden files (which
exercises page one shows in pictures, in which order, drawn for which side; which muscle maps;
the order of the details), and what every page must hold.

Regenerate after an intended change with:  UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden
"""

from __future__ import annotations

import io
import json
import os
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from tests.golden.test_plan_golden import _vignettes

from triggermap.careplan.handout import Handout
from triggermap.kb.loader import KnowledgeBase, load_knowledge
from triggermap.reasoning.case import parse_case
from triggermap.render import plan_words as words
from triggermap.render.plan_pdf import MARGIN_MM, render_plan_pdf
from triggermap.services.plan import make_plan

GOLDEN = Path(__file__).resolve().parent / "handouts"
TODAY = date(2026, 1, 15)
MM = 72 / 25.4
VIGNETTES = _vignettes()
IDS = [str(v["id"]) for v in VIGNETTES]


@cache
def handout(vignette_id: str) -> Handout:
    vignette = next(v for v in VIGNETTES if v["id"] == vignette_id)
    kb = load_knowledge()
    return make_plan(parse_case(vignette["case"], kb), kb, today=TODAY).handout


@cache
def pages(vignette_id: str) -> tuple[Any, ...]:
    pdf = pdfplumber.open(io.BytesIO(render_plan_pdf(handout(vignette_id))))
    return tuple(pdf.pages)


def structure(h: Handout) -> dict[str, Any]:
    routine = words.routine_items(h)
    return {
        "seek_care_now": h.plan.triage.seek_care_now,
        "picture_side": h.picture_side,
        "routine": [{"item": i.id, "picture": i.id if i.id in h.art else None} for i in routine],
        "muscle_maps": [m.id for m in h.muscles],
        "details": [
            {"section": s.key, "items": [i.id for i in s.items]} for s in words.item_sections(h)
        ],
    }


@pytest.mark.parametrize("vignette_id", IDS)
def test_handout_structure_matches_golden_file(vignette_id: str) -> None:
    text = json.dumps(structure(handout(vignette_id)), indent=2, sort_keys=True) + "\n"
    path = GOLDEN / f"{vignette_id}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"the handout of {vignette_id} changed; if intended, regenerate with UPDATE_GOLDEN=1"
    )


def _words_in_order(text: str, phrases: list[str]) -> bool:
    flat = " ".join(text.split())
    position = 0
    for phrase in phrases:
        found = flat.find(" ".join(phrase.split()), position)
        if found < 0:
            return False
        position = found + 1
    return True


@pytest.mark.parametrize("vignette_id", IDS)
def test_page_one_has_the_triage_the_warning_signs_and_the_routine(vignette_id: str) -> None:
    h = handout(vignette_id)
    first = pages(vignette_id)[0].extract_text()
    assert _words_in_order(first, [words.TITLE, h.plan.triage.summary])
    if h.plan.safety_net:
        assert _words_in_order(first, [words.SAFETY_TITLE, h.plan.safety_net[0].signs[0].text])
    routine = words.routine_items(h)
    if routine:  # each card starts "N. First words of its title" (cards sit side by side)
        numbered = [f"{n}. {' '.join(i.title.split()[:2])}" for n, i in enumerate(routine, 1)]
        assert _words_in_order(first, [words.ROUTINE_TITLE, numbered[0]]), vignette_id
        whole = " ".join(p.extract_text() for p in pages(vignette_id))
        assert _words_in_order(whole, numbered), vignette_id


def _body_words(page: Any) -> list[dict[str, Any]]:
    """Words above the footer, not inside pictures and maps (whose labels use Helvetica)."""
    footer_top = page.height - (MARGIN_MM + 7) * MM
    return [
        w
        for w in page.extract_words(extra_attrs=["size", "fontname"])
        if w["bottom"] <= footer_top and "Helvetica" not in w["fontname"]
    ]


@pytest.mark.parametrize("vignette_id", ["pub-piri-1", "pub-multi-1", "pub-ces-1"])
def test_body_text_is_at_least_10_pt(vignette_id: str) -> None:
    sizes = {round(w["size"], 1) for p in pages(vignette_id) for w in _body_words(p)}
    assert sizes and min(sizes) >= 10.0, sorted(sizes)


def test_large_print_body_text_is_at_least_14_pt(kb: KnowledgeBase) -> None:
    pdf = pdfplumber.open(io.BytesIO(render_plan_pdf(handout("pub-gmed-1"), large_print=True)))
    sizes = {round(w["size"], 1) for p in pdf.pages for w in _body_words(p)}
    assert sizes and min(sizes) >= 14.0, sorted(sizes)


def _filled(page: Any) -> float:
    """How far down its usable height the page's content reaches (0..1)."""
    top, footer_top = MARGIN_MM * MM, page.height - (MARGIN_MM + 7) * MM
    bottoms = [w["bottom"] for w in page.extract_words() if w["bottom"] <= footer_top]
    bottoms += [o["bottom"] for o in page.rects + page.curves if o["bottom"] <= footer_top]
    return (max(bottoms, default=top) - top) / (footer_top - top)


@pytest.mark.parametrize("vignette_id", IDS)
def test_no_page_but_the_last_is_less_than_half_full(vignette_id: str) -> None:
    fills = [_filled(p) for p in pages(vignette_id)]
    assert all(f >= 0.5 for f in fills[:-1]), [round(f, 2) for f in fills]


def _cards_on_page_one(vignette_id: str) -> int:
    first = " ".join(pages(vignette_id)[0].extract_text().split())
    routine = words.routine_items(handout(vignette_id))
    numbered = [f"{n}. {' '.join(i.title.split()[:2])}" for n, i in enumerate(routine, 1)]
    return sum(1 for card in numbered if card in first)


@pytest.mark.parametrize("vignette_id", IDS)
def test_page_one_leaves_no_large_empty_band_when_the_routine_goes_on(vignette_id: str) -> None:
    """Cards that do not fit on page one move on whole, a row at a time: the band they leave
    is less than a row of cards."""
    if _cards_on_page_one(vignette_id) < len(words.routine_items(handout(vignette_id))):
        assert _filled(pages(vignette_id)[0]) >= 0.8


@pytest.mark.parametrize("vignette_id", ["pub-piri-1", "pub-multi-1"])
def test_page_one_shows_six_cards_when_the_warning_signs_leave_room(vignette_id: str) -> None:
    """Two warning groups leave room for two rows: the pictures shrink to fit them."""
    assert len(words.routine_items(handout(vignette_id))) > 6
    assert _cards_on_page_one(vignette_id) == 6
    assert _filled(pages(vignette_id)[0]) >= 0.9


def test_clinician_note_label_and_working_diagnosis_are_printed() -> None:
    from dataclasses import replace

    h = replace(handout("pub-piri-1"), clinician="Dr A. Lee", note="Review on Friday.")
    h = replace(h, patient_label="P-014")
    assert h.working_diagnosis and h.working_diagnosis.startswith("Piriformis syndrome")
    pdf = pdfplumber.open(io.BytesIO(render_plan_pdf(h)))
    first = " ".join(pdf.pages[0].extract_text().split())
    assert "For P-014 · from Dr A. Lee" in first
    assert "Note from Dr A. Lee: Review on Friday." in first
    assert f"{words.DIAGNOSIS_TITLE}: Piriformis syndrome" in first


def test_without_an_examination_there_is_no_working_diagnosis() -> None:
    h = handout("pub-gmax-2")
    case = next(v for v in VIGNETTES if v["id"] == "pub-gmax-2")["case"]
    assert not case.get("exam")
    assert h.working_diagnosis is None


def test_an_item_left_out_is_shown_with_its_reason() -> None:
    from dataclasses import replace

    from triggermap.careplan.model import LeftOut

    h = handout("pub-gmed-1")
    left = LeftOut(
        id="balance_wobble_board",
        title="Wobble-board balance",
        reason="Left out in pregnancy: a wobble board tips without warning.",
        source="acog_2020",
        instead="Single-leg balance",
    )
    h = replace(h, plan=replace(h.plan, left_out=(left,)))
    pdf = pdfplumber.open(io.BytesIO(render_plan_pdf(h)))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert words.LEFT_OUT_TITLE in text
    assert "Wobble-board balance: Left out in pregnancy: a wobble board tips" in text
