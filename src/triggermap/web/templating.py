"""The Jinja environment: templates in the package, and the filters pages use to show
knowledge-base ids in words (names, citations, doses, percentages, the intake's answers)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2_fragments.fastapi import Jinja2Blocks
from markupsafe import Markup, escape

from triggermap.web import words
from triggermap.web.bodymap import VIEWBOX, figure_svg
from triggermap.web.error_fields import error_rest, summary_lines

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import EvidenceItem, MuscleEvidence

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
    from triggermap.plain_numbers import percent
    from triggermap.render.dose_words import describe_dose
    from triggermap.render.labels import atom_label
    from triggermap.render.levels import care_now, level_title, shown_reasons

    folder = str(files("triggermap.web") / "templates")
    env = PageEnvironment(
        loader=UnindentedLoader(folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates are the package's: no file check on every render
    )
    citer = Citer(kb)
    env.globals.update(
        viewbox=VIEWBOX,
        figure_svg=figure_svg,
        care_cards=CARE_CARDS,
        exclusion_words=EXCLUSION_WORDS,
        kb=kb,
        area_names=words.AREA_NAMES,
        shown_reasons=shown_reasons,
        cause_words=words.CAUSE_WORDS,
        escalation_words=words.ESCALATION_WORDS,
        record_words=words.RECORD_WORDS,
        care_now=care_now,
        summary_lines=summary_lines,
        cite=citer,
    )
    env.filters.update(
        percent=percent,
        level_title=level_title,
        atom=remembered(lambda atom: atom_label(kb, atom)),
        region_short=remembered(lambda rid: _region_short(kb, rid)),
        region_plain=lambda rid: kb.regions[rid].plain if rid in kb.regions else rid,
        citation=remembered(lambda key: _citation(kb, key)),
        dose=lambda item: describe_dose(item.dose, item.kind),
        words=lambda text: str(text).replace("_", " "),
        dom_id=dom_id,
        error_rest=error_rest,
        question_words=words.question_words,
        check_words=words.check_words,
        choices=words.choices_of,
        options=lambda q: words.options_of(kb, q),
        answer_words=words.answer_words,
        symptom_name=lambda sid: kb.symptoms[sid].label if sid in kb.symptoms else sid,
        long_date=_long_date,
        person_option=lambda person: (person.id, person.label),
        clock=clock_words,
        sex_option=lambda value: (value, words.CHOICE_WORDS["sex"].get(value, value)),
    )
    evidence = Evidence(citer, env.filters["atom"])
    references = Fragments()
    env.globals.update(
        muscle_evidence=evidence.muscle,
        condition_evidence=evidence.condition,
        reference_items=lambda sources: reference_items(sources, references),
        body_map_figure=FigureCache(env),
    )
    return Jinja2Blocks(env=env)


def remembered(words_of: Callable[[str], Any], limit: int = 4096) -> Callable[[str], Any]:
    """A filter that puts a knowledge-base id into words, each id worked out once (the
    knowledge base does not change while the app runs; ids it does not know are kept up to
    `limit`, then the memory starts again)."""
    known: dict[str, Any] = {}

    def filter_(key: str) -> Any:
        found = known.get(key, known)
        if found is known:
            if len(known) >= limit:
                known.clear()
            found = known[key] = words_of(key)
        return found

    return filter_


class Citer:
    """`cite(key, numbers)`: a source key as a link to its full reference at the end of the
    page, `[n]` with the reference for screen readers. A function rather than a template macro:
    a results page cites fifty times, and a macro call costs ten times this."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._made: dict[tuple[str, object], Markup] = {}

    def __call__(self, key: str, numbers: dict[str, int]) -> Markup:
        number = numbers.get(key, key)
        made = self._made.get((key, number))
        if made is None:
            made = Markup(
                f'<a class="cite" href="#source-{escape(key)}">[{escape(number)}]'
                f'<span class="visually-hidden"> source: {escape(_citation(self._kb, key))}'
                "</span></a>"
            )
            if len(self._made) < 10_000:  # keys x numbers: a few thousand at most
                self._made[(key, number)] = made
        return made


class Evidence:
    """The results page's evidence lists, one `<li>` a finding, in Python rather than a template
    loop: they are most of the page's markup, and this is several times faster (the same HTML).

    Each finding's words and figures are worked out once (`Fragments`: a finding, its
    likelihood ratio and source come from the knowledge base, so a day's pages share them);
    only the `[n]` of its source is the page's own (`Citer`)."""

    def __init__(self, cite: Citer, atom: Callable[[str], Any]) -> None:
        self._cite, self._atom = cite, atom
        self._muscle = Fragments()
        self._condition = Fragments()

    def muscle(self, items: Iterable[MuscleEvidence], numbers: dict[str, int]) -> Markup:
        """Why a muscle was matched: each finding, its likelihood ratio and source."""
        cite, made = self._cite, self._muscle
        parts: list[str] = []  # str pieces: str + Markup would escape the str
        for e in items:
            head = made.get((e.finding, e.likelihood_ratio), self._muscle_head, e)
            parts += (head, cite(e.source, numbers), "</li>")
        return Markup("".join(parts))

    def condition(self, items: Iterable[EvidenceItem], numbers: dict[str, int]) -> Markup:
        """A condition's evidence: the finding in words, "(no)" when it is absent, its
        likelihood ratio, source, and "estimate" when the figure is an expert's estimate."""
        cite, made = self._cite, self._condition
        parts: list[str] = []
        for e in items:
            head = made.get((e.finding, e.state, e.likelihood_ratio), self._condition_head, e)
            tail = ESTIMATE_TAG + "</li>" if e.evidence == "expert_estimate" else "</li>"
            parts += (head, cite(e.source, numbers), tail)
        return Markup("".join(parts))

    @staticmethod
    def _muscle_head(e: MuscleEvidence) -> str:
        return f"<li>{escape(e.finding)}: × {e.likelihood_ratio:.2g} "

    def _condition_head(self, e: EvidenceItem) -> str:
        finding = escape(self._atom(e.finding)) + (" (no)" if e.state == "absent" else "")
        return f"<li>{finding}: likelihood ratio {e.likelihood_ratio:.2g} "


class Fragments:
    """Markup worked out once per key (`get(key, make, *args)`), the last `limit` kept: for
    fragments that depend on the knowledge base alone, which does not change while the app
    runs (a key it does not know costs one more entry, then the memory starts again)."""

    def __init__(self, limit: int = 8192) -> None:
        self._made: dict[Any, str] = {}
        self._limit = limit

    def get(self, key: Any, make: Callable[..., str], *args: Any) -> str:
        found = self._made.get(key)
        if found is None:
            if len(self._made) >= self._limit:
                self._made.clear()
            found = self._made[key] = make(*args)
        return found


def reference_items(sources: Iterable[tuple[str, str]], made: Fragments) -> Markup:
    """The full references, one `<li>` each (`components/triage.html`'s `references`)."""
    return Markup("".join(made.get(pair, _reference_item, *pair) for pair in sources))


def _reference_item(key: str, citation: str) -> str:
    return f'<li id="source-{escape(key)}">{escape(citation)}</li>\n'


ESTIMATE_TAG = ' <span class="tag">estimate</span>'


FigureKey = tuple[
    tuple[int, ...], tuple[tuple[str, str], ...], frozenset[str], str, tuple[Any, ...]
]


class FigureCache:
    """`body_map_figure(views, marks, sides, label, legend)`: the body-map figure of
    `components/body_map.html`, drawn once per inputs (a results page has three, the same for
    the same muscles, pain and side; the last `limit` are kept)."""

    def __init__(self, env: Environment, limit: int = 512) -> None:
        self._env, self._limit = env, limit
        self._made: dict[FigureKey, tuple[tuple[Any, ...], Markup]] = {}

    def __call__(
        self,
        views: tuple[Any, ...],
        marks: dict[str, str],
        sides: frozenset[str],
        label: str,
        legend: tuple[Any, ...] = (),
    ) -> Markup:
        key = (tuple(map(id, views)), tuple(sorted(marks.items())), sides, label, tuple(legend))
        found = self._made.get(key)
        if found is not None and all(a is b for a, b in zip(found[0], views, strict=True)):
            return found[1]
        macro = self._env.get_template("components/body_map.html").module.figure_markup  # type: ignore[attr-defined]
        made = Markup(macro(views, marks, sides, label, legend))
        if len(self._made) >= self._limit:
            self._made.clear()
        self._made[key] = (tuple(views), made)  # the views kept alive: their ids stay theirs
        return made


class PageEnvironment(Environment):
    """Templates whose globals are a copy of the environment's, made when a template is first
    loaded (Jinja's own is a `ChainMap` over them): each `{% from ... import %}` in a page
    compares the two sets of names on every render, which a chain map makes a Python loop.
    Every global is set in `build_templates`, before any template is loaded."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


class UnindentedLoader(FileSystemLoader):
    """Templates with each line's indentation left out: the source stays readable, the pages
    stay small (a long form is a few thousand lines of markup)."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        return "\n".join(line.strip() for line in source.splitlines()), filename, uptodate


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


def dom_id(name: str) -> str:
    """A field name as an HTML id: `symptom:fever` -> `symptom-fever`, `pain.regions` ->
    `pain-regions` (ids with ':' or '.' need escaping in every CSS selector)."""
    return name.replace(":", "-").replace(".", "-")


def _region_short(kb: KnowledgeBase, region_id: str) -> str:
    region = kb.regions.get(region_id)
    return words.short_name(region.label) if region is not None else region_id


def _citation(kb: KnowledgeBase, key: str) -> Any:
    source = kb.sources.get(key)
    return source.citation if source is not None else key


def clock_words(seconds: int) -> str:
    """90 -> '1:30', 45 -> '45 s': a time as a person reads it (the terminal session's too)."""
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"


def _long_date(day: Any) -> str:
    """2024-03-05 -> '5 March 2024'."""
    return f"{day.day} {day.strftime('%B %Y')}"
