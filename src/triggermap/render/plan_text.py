"""The care plan as terminal text: the triage banner first, then what to do, in order.

`plan_lines` lays the plan out at a width as lines of styled runs (`render.text_layout`);
`render_plan_text` is their text, what `plan` prints to a pipe and writes with
`--format text -o FILE`; on a terminal the CLI hands the same lines to Rich for colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triggermap.render import plan_words as words
from triggermap.render.dose_words import describe_dose
from triggermap.render.levels import PRINT_COLOURS
from triggermap.render.text_layout import (
    Line,
    Run,
    hanging,
    indented,
    panel,
    paragraph,
    plain_text,
    rule,
)

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.careplan.model import PlanItem, Referral


def render_plan_text(handout: Handout, width: int) -> str:
    """The plan as plain text, `width` cells wide, each line ending in a newline."""
    return plain_text(plan_lines(handout, width))


def plan_lines(handout: Handout, width: int) -> list[Line]:
    plan = handout.plan
    out: list[Line] = []
    out += paragraph([(f"{words.TITLE} · {words.long_date(handout.date)}", "bold")], width)
    out += _banner(handout, width)
    if handout.must_exclude:
        title = f"{words.MUST_EXCLUDE_TITLE}: {'; '.join(handout.must_exclude)}."
        out += paragraph([(title, "bold")], width)
    if not plan.triage.seek_care_now:
        found = words.found_sentence(handout)
        if found:
            out += paragraph([(found, "")], width)
        home, professional = words.home_then_professional(handout)
        for section in home:
            out += _section(section, width)
        out += _left_out(handout, width)
        for section in professional:
            out += _section(section, width)
        out += _referrals(plan.referrals, width)
    out += _safety_net(handout, width)
    lines = words.review_lines(handout)
    if lines:
        out.append(rule(words.REVIEW_TITLE, width, "cyan"))
        out += _bullets([[(line, "")] for line in lines], width)
    out += paragraph([(words.footer(handout), "dim")], width)
    return out


def _section(section: words.Section, width: int) -> list[Line]:
    out = [rule(section.title, width, "cyan"), *paragraph([(section.intro, "italic")], width)]
    for item in section.items:
        out += _item(item, width)
    return out


def _banner(handout: Handout, width: int) -> list[Line]:
    triage = handout.plan.triage
    runs: list[Run] = [(words.banner_heading(triage.level, triage.summary), "bold")]
    for reason in triage.reasons:
        runs.append((f"\n\n{reason.explanation}", "bold"))
        if reason.action:
            runs.append((f"\n{reason.action}", "bold"))
    note = words.screening_note(triage)
    if note:
        runs.append((f"\n\n{note}", "bold yellow"))
    return panel(paragraph(runs, width - 4), width, PRINT_COLOURS[triage.level])


def _item(item: PlanItem, width: int) -> list[Line]:
    inner = width - 2
    head: list[Run] = [(item.title, "bold")]
    dose = describe_dose(item.dose, item.kind)
    if dose:
        head.append((f"  ({dose})", "bold green"))
    body = paragraph(head, inner) + paragraph([(item.why, "dim")], inner)
    body += hanging([f"{n}." for n in range(1, len(item.steps) + 1)], _plain(item.steps), inner)
    if item.equipment:
        body += paragraph([(f"You need: {words.equipment_words(item)}", "dim")], inner)
    for precaution in item.precautions:
        body += paragraph([(f"Take care: {precaution}", "yellow")], inner)
    return indented(body, 2, width, top=1)


def _plain(texts: list[str] | tuple[str, ...]) -> list[list[Run]]:
    return [[(text, "")] for text in texts]


def _bullets(texts: list[list[Run]], width: int, indent: int = 0) -> list[Line]:
    return indented(hanging(["•"] * len(texts), texts, width - indent), indent, width)


def _left_out(handout: Handout, width: int) -> list[Line]:
    notes = words.left_out_notes(handout.plan)
    if not notes:
        return []
    return [
        rule(words.LEFT_OUT_TITLE, width, "yellow"),
        *paragraph([(words.LEFT_OUT_INTRO, "italic")], width),
        *_bullets([[(f"{title}: ", "bold"), (why, "")] for title, why in notes], width),
    ]


def _referrals(referrals: tuple[Referral, ...], width: int) -> list[Line]:
    people = [r for r in referrals if r.items]
    if not people:
        return []
    lines: list[list[Run]] = []
    for referral in people:
        line: list[Run] = [
            (referral.title, "bold"),
            (f" ({words.URGENCY_WORDS[referral.urgency]}): ", "bold"),
            (", ".join(referral.why), "bold"),
        ]
        for left_out in referral.not_for:
            line.append((f"\nNot for you: {left_out.title}. {left_out.reason}", "bold red"))
        lines.append(line)
    return [rule("Who can help", width, "cyan"), *_bullets(lines, width)]


def _safety_net(handout: Handout, width: int) -> list[Line]:
    groups = handout.plan.safety_net
    if not groups:
        return []
    out: list[Line] = [rule(words.SAFETY_TITLE, width, "red")]
    for group in groups:
        out += paragraph([(f"{group.action}:", f"bold {PRINT_COLOURS[group.level]}")], width)
        out += _bullets(_plain([sign.text for sign in group.signs]), width, indent=1)
    return out
