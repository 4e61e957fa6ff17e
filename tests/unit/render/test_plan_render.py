"""Plan renderers: every format says the date, the knowledge version and that it is decision
support; the PDF is the same bytes every time; the figure is stable."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from triggermap.careplan.handout import BodyMap, Handout
from triggermap.kb.loader import KnowledgeBase
from triggermap.render.plan_document import render_plan_document
from triggermap.render.plan_figure import body_map_svg
from triggermap.render.plan_pdf import render_plan_pdf
from triggermap.services.assess import parse_one_case
from triggermap.services.plan import make_plan

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "examples" / "demo-case.json"
TODAY = date(2026, 1, 15)
EMERGENCY = {"age": 50, "pain": {"regions": ["lower_back"]}, "symptoms": ["saddle_anaesthesia"]}


@pytest.fixture()
def self_care(kb: KnowledgeBase) -> Handout:
    return make_plan(parse_one_case(DEMO.read_text(), kb), kb, today=TODAY).handout


@pytest.fixture()
def emergency(kb: KnowledgeBase) -> Handout:
    return make_plan(parse_one_case(json.dumps(EMERGENCY), kb), kb, today=TODAY).handout


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_carries_date_version_and_disclaimer(self_care: Handout, fmt: str) -> None:
    text = render_plan_document(self_care, fmt)
    flat = " ".join(text.split())
    assert "15 January 2026" in flat
    assert self_care.plan.knowledge_version in flat
    assert "not a diagnosis" in flat
    for item in self_care.plan.items:
        assert " ".join(item.title.split()) in flat


def test_json_format_is_the_plan(self_care: Handout) -> None:
    assert json.loads(render_plan_document(self_care, "json")) == self_care.plan.to_json()


def test_html_is_self_contained_with_the_body_map(self_care: Handout) -> None:
    """Nothing is fetched from elsewhere (the only web addresses are links to references)."""
    html = render_plan_document(self_care, "html")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<polygon" in html
    assert not re.search(r'src="(?!data:)', html) and "<link" not in html
    assert "<script" not in html


def test_html_lists_full_references_with_links(self_care: Handout) -> None:
    html = render_plan_document(self_care, "html")
    for key, source in self_care.sources.items():
        assert f'<li id="src-{key}"><strong>{key}</strong>' in html
        if source.url:
            assert f'href="{source.url.replace("&", "&amp;")}"' in html
    cited = {k for item in self_care.plan.items for k in item.sources}
    assert cited <= set(self_care.sources)


def test_emergency_plan_is_only_the_instruction_and_its_reason(emergency: Handout) -> None:
    assert emergency.plan.triage.seek_care_now
    text = render_plan_document(emergency, "markdown")
    assert "EMERGENCY" in text and emergency.plan.triage.reasons[0].explanation[:40] in text
    assert "Relief now" not in text and "Restore" not in text
    assert pages(render_plan_pdf(emergency)) == 1


def test_pdf_is_deterministic(self_care: Handout) -> None:
    first, second = render_plan_pdf(self_care), render_plan_pdf(self_care)
    assert first.startswith(b"%PDF")
    assert first == second


def test_body_map_marks_pain_and_referral_on_the_painful_side() -> None:
    right = body_map_svg(BodyMap(side="right", painful=("mid_buttock",), referral=()))
    both = body_map_svg(BodyMap(side="bilateral", painful=("mid_buttock",), referral=()))
    assert right.count("<polygon") + 1 == both.count("<polygon")  # one more: the other side
    referral = body_map_svg(BodyMap(side="left", painful=(), referral=("posterior_thigh",)))
    assert "stroke-dasharray" in referral
    assert body_map_svg(BodyMap("left", ("sacrum",), ())) == body_map_svg(
        BodyMap("left", ("sacrum",), ())
    )


def test_a_plan_for_another_leading_cause_says_what_its_self_care_is_for(
    kb: KnowledgeBase,
) -> None:
    from triggermap.render.plan_words import UNTIL_SEEN, found_sentence

    gtps = {
        "age": 58,
        "sex": "female",
        "duration_weeks": 3,
        "side": "right",
        "pain": {"regions": ["greater_trochanter", "lateral_thigh"], "intensity": 4},
        "symptoms": ["worse_lying_on_side", "worse_stairs"],
        "exam": {
            "tests": {
                "trochanter_tenderness": "positive",
                "single_leg_stance_30s": "positive",
                "resisted_external_derotation": "positive",
            }
        },
    }
    handout = make_plan(parse_one_case(json.dumps(gtps), kb), kb, today=TODAY).handout
    assert "clinician_needs_diagnosis" in [r.rule for r in handout.plan.triage.reasons]
    assert found_sentence(handout).endswith(UNTIL_SEEN)
    self_care = make_plan(parse_one_case(DEMO.read_text(), kb), kb, today=TODAY).handout
    assert UNTIL_SEEN not in found_sentence(self_care)


def test_text_has_no_trailing_spaces_and_an_instruction_is_said_once(
    kb: KnowledgeBase, vignettes: list[dict[str, object]]
) -> None:
    for v in vignettes:
        handout = make_plan(parse_one_case(json.dumps(v["case"]), kb), kb, today=TODAY).handout
        actions = [r.action for r in handout.plan.triage.reasons if r.action]
        assert len(actions) == len(set(actions)), v["id"]
    text = render_plan_document(self_care_handout(kb), "text")
    assert text and all(line == line.rstrip() for line in text.splitlines())


def self_care_handout(kb: KnowledgeBase) -> Handout:
    return make_plan(parse_one_case(DEMO.read_text(), kb), kb, today=TODAY).handout


# ---------------------------------------------------------------- clinical review of issue 9

HIP_REPLACED = {
    "age": 60,
    "sex": "male",
    "duration_weeks": 4,
    "side": "left",
    "pain": {"regions": ["mid_buttock", "lower_buttock", "posterior_thigh"], "intensity": 4},
    "history": ["hip_replacement_posterior", "prolonged_sitting"],
    "exam": {"palpation": {"piriformis": {"taut_band": True, "tender_spot": True}}},
}


def pdf_text(pdf: bytes) -> str:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(page.extract_text() or "" for page in document.pages)


def test_the_plan_says_what_answers_suggest_not_what_was_found(self_care: Handout) -> None:
    """No heading or sentence reads as a diagnosis: trigger points "may" explain the pain."""
    from triggermap.render.plan_words import found_sentence

    assert found_sentence(self_care).startswith("Your pain may come from trigger points in")
    text = " ".join(pdf_text(render_plan_pdf(self_care)).split())
    assert "may come from trigger points" in text
    assert "What we found" not in text and "Your pain fits trigger points" not in text


def test_what_was_left_out_is_read_with_the_home_programme(kb: KnowledgeBase) -> None:
    handout = make_plan(parse_one_case(json.dumps(HIP_REPLACED), kb), kb, today=TODAY).handout
    assert handout.plan.left_out and any(i.kind == "professional" for i in handout.plan.items)
    text = pdf_text(render_plan_pdf(handout))
    assert text.index("Left out for your safety") < text.index("Care from professionals")
    for fmt in ("text", "markdown", "html"):
        rendered = render_plan_document(handout, fmt)
        assert rendered.index("Left out for your safety") < rendered.index(
            "Care from professionals"
        ), fmt
