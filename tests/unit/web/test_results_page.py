"""The results page shows what the assessment holds, including a must-be-ruled-out list."""

from __future__ import annotations

from dataclasses import dataclass, field

from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess
from triggermap.web.results import results_context
from triggermap.web.templating import build_templates


@dataclass(frozen=True)
class Reason:
    kind: str
    findings: list[str]


@dataclass(frozen=True)
class Excluded:
    id: str
    name: str
    probability: float
    reasons: list[Reason] = field(default_factory=list)


class WithMustExclude:
    """An assessment as the engine of issue 11 gives it: `must_exclude` beside the ranking."""

    def __init__(self, inner: object, must_exclude: list[Excluded]) -> None:
        self._inner, self.must_exclude = inner, must_exclude

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


def render(kb: KnowledgeBase, case_data: dict[str, object], must_exclude: list[Excluded]) -> str:
    case = parse_case(case_data, kb)
    assessment = WithMustExclude(assess(case, kb), must_exclude)
    context = results_context(case, assessment, kb)  # type: ignore[arg-type]
    template = build_templates(kb).env.get_template("pages/results.html")
    return template.render({**context, "csrf": "x"})


def test_the_must_be_ruled_out_list_names_each_condition_and_why(kb: KnowledgeBase) -> None:
    excluded = [
        Excluded(
            "malignancy", "Malignancy", 0.004, [Reason("unanswered", ["symptom:weight_loss"])]
        ),
        Excluded("fracture", "Fracture", 0.02, [Reason("red_flag_rule", ["symptom:osteoporosis"])]),
    ]
    page = render(kb, {"pain": {"regions": ["mid_buttock"]}}, excluded)
    section = page[page.index('id="exclude-heading"') : page.index('id="conditions-heading"')]
    assert "Malignancy" in section and "Fracture" in section
    assert "The questions that would rule it out were not answered: " in section
    assert "A warning sign points to it: " in section


def test_no_must_be_ruled_out_section_when_there_is_none(kb: KnowledgeBase) -> None:
    assert 'id="exclude-heading"' not in render(kb, {"pain": {"regions": ["mid_buttock"]}}, [])
