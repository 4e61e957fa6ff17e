"""The Jinja environment: templates in the package, and the filters pages use to show
knowledge-base ids in words (names, citations, doses, percentages)."""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2_fragments.fastapi import Jinja2Blocks

from triggermap.web import questions as words
from triggermap.web.bodymap import VIEWBOX, figure_svg
from triggermap.web.questions import short_name

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

EXCLUSION_WORDS = {  # why a condition must be ruled out (the assessment's must_exclude reasons)
    "red_flag_rule": "A warning sign points to it",
    "raised": "Your answers made it more likely than usual",
    "unanswered": "The questions that would rule it out were not answered",
}
CARE_CARDS = {  # triage level -> (care card kind, the heading's prefix screen readers announce)
    "emergency": ("immediate", "Immediate action required"),
    "urgent": ("urgent", "Urgent advice"),
    "clinician": ("non-urgent", "Non-urgent advice"),
    "self_care": ("self-care", "Self-care advice"),
}


def build_templates(kb: KnowledgeBase) -> Jinja2Blocks:
    from triggermap.render.assessment_text import percent
    from triggermap.render.dose_words import describe_dose
    from triggermap.render.labels import atom_label
    from triggermap.render.levels import level_title

    folder = str(files("triggermap.web") / "templates")
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        viewbox=VIEWBOX,
        figure_svg=figure_svg,
        care_cards=CARE_CARDS,
        exclusion_words=EXCLUSION_WORDS,
        kb=kb,
        questions_flag_words=words.FLAG_WORDS,
        symptom_words=words.SYMPTOM_WORDS,
        side_words=tuple(words.SIDE_WORDS.items()),
        onset_words=tuple(words.ONSET_WORDS.items()),
        sex_words=tuple(words.SEX_WORDS.items()),
        answer_words=dict(words.FLAG_WORDS),
    )
    env.filters.update(
        percent=percent,
        level_title=level_title,
        atom=lambda atom: atom_label(kb, atom),
        region_short=lambda rid: short_name(kb.regions[rid].label) if rid in kb.regions else rid,
        region_plain=lambda rid: kb.regions[rid].plain if rid in kb.regions else rid,
        citation=lambda key: _citation(kb, key),
        dose=lambda item: describe_dose(item.dose, item.kind),
        words=lambda text: str(text).replace("_", " "),
    )
    return Jinja2Blocks(env=env)


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    block: str | None = None,
) -> Response:
    """A page (or one block of it, for htmx to swap in) from the app's templates."""
    templates: Jinja2Blocks = request.app.state.templates
    if block is None:
        return templates.TemplateResponse(request, name, context, status_code=status)
    return templates.TemplateResponse(request, name, context, status_code=status, block_name=block)


def _citation(kb: KnowledgeBase, key: str) -> Any:
    source = kb.sources.get(key)
    return source.citation if source is not None else key
