"""The reference page of a treatment says whom each precaution is for (no bare 'None')."""

from __future__ import annotations

from triggermap.kb.loader import KnowledgeBase
from triggermap.render.kb_pages import treatment_page


def test_precautions_name_their_finding_muscles_and_replacement(kb: KnowledgeBase) -> None:
    needling = treatment_page(kb, kb.treatments["dry_needling"])
    assert "(None)" not in needling
    assert "**precaution** (everyone): Tell the clinician before needling" in needling
    assert "(everyone; when treating quadratus_lumborum)" in needling
    board = treatment_page(kb, kb.treatments["balance_wobble_board"])
    assert "(`history:pregnancy`; instead: Single-leg balance)" in board
    assert "**Asks of the body:** balance" in board


def test_not_relevant_reasons_are_shown(kb: KnowledgeBase) -> None:
    page = treatment_page(kb, kb.treatments["strengthen_core_bird_dog"])
    assert "not relevant for pregnancy: On hands and knees" in page
