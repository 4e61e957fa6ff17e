"""The care plan in the terminal (Rich): the triage banner first, then what to do, in order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from triggermap.render import plan_words as words
from triggermap.render.dose_words import describe_dose
from triggermap.render.levels import PRINT_COLOURS

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.careplan.model import PlanItem, Referral


def render_plan_text(handout: Handout) -> RenderableType:
    plan = handout.plan
    parts: list[RenderableType] = [
        Text(f"{words.TITLE} · {words.long_date(handout.date)}", style="bold"),
        _banner(handout),
    ]
    if not plan.triage.seek_care_now:
        found = words.found_sentence(handout)
        if found:
            parts.append(Text(found))
        home, professional = words.home_then_professional(handout)
        for section in home:
            parts.extend(_section(section))
        parts.extend(_left_out(handout))
        for section in professional:
            parts.extend(_section(section))
        parts.extend(_referrals(plan.referrals))
    parts.extend(_safety_net(handout))
    lines = words.review_lines(handout)
    if lines:
        parts.append(Rule(words.REVIEW_TITLE, align="left", style="cyan"))
        parts.append(_bullets(list(lines)))
    parts.append(Text(words.footer(handout), style="dim"))
    return Group(*parts)


def _section(section: words.Section) -> list[RenderableType]:
    return [
        Rule(section.title, align="left", style="cyan"),
        Text(section.intro, style="italic"),
        *(_item(item) for item in section.items),
    ]


def _banner(handout: Handout) -> RenderableType:
    triage = handout.plan.triage
    colour = PRINT_COLOURS[triage.level]
    body = Text(words.banner_heading(triage.level, triage.summary), style="bold")
    for reason in triage.reasons:
        body.append(f"\n\n{reason.explanation}")
        if reason.action:
            body.append(f"\n{reason.action}", style="bold")
    note = words.screening_note(triage)
    if note:
        body.append(f"\n\n{note}", style="bold yellow")
    return Panel(body, border_style=colour)


def _item(item: PlanItem) -> RenderableType:
    head = Text(item.title, style="bold")
    dose = describe_dose(item.dose, item.kind)
    if dose:
        head.append(f"  ({dose})", style="green")
    body: list[RenderableType] = [head, Text(item.why, style="dim")]
    body.append(_steps(item.steps))
    if item.equipment:
        body.append(Text(f"You need: {words.equipment_words(item)}", style="dim"))
    body.extend(Text(f"Take care: {p}", style="yellow") for p in item.precautions)
    return Padding(Group(*body), (1, 0, 0, 2))


def _steps(steps: tuple[str, ...]) -> RenderableType:
    return _hanging([f"{n}." for n in range(1, len(steps) + 1)], list(steps))


def _bullets(lines: list[Text | str], indent: int = 0) -> RenderableType:
    return Padding(_hanging(["•"] * len(lines), lines), (0, 0, 0, indent))


def _hanging(marks: list[str], lines: list[Text | str]) -> RenderableType:
    """Marks in their own column, so wrapped lines align under the text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for mark, line in zip(marks, lines, strict=True):
        grid.add_row(mark, line)
    return grid


def _left_out(handout: Handout) -> list[RenderableType]:
    notes = words.left_out_notes(handout.plan)
    if not notes:
        return []
    lines: list[Text | str] = [Text.assemble((f"{title}: ", "bold"), why) for title, why in notes]
    return [
        Rule(words.LEFT_OUT_TITLE, align="left", style="yellow"),
        Text(words.LEFT_OUT_INTRO, style="italic"),
        _bullets(lines),
    ]


def _referrals(referrals: tuple[Referral, ...]) -> list[RenderableType]:
    people = [r for r in referrals if r.items]
    if not people:
        return []
    out: list[RenderableType] = [Rule("Who can help", align="left", style="cyan")]
    lines: list[Text | str] = []
    for referral in people:
        line = Text(referral.title, style="bold")
        line.append(f" ({words.URGENCY_WORDS[referral.urgency]}): ")
        line.append(", ".join(referral.why))
        for left_out in referral.not_for:
            line.append(f"\nNot for you: {left_out.title}. {left_out.reason}", style="red")
        lines.append(line)
    out.append(_bullets(lines))
    return out


def _safety_net(handout: Handout) -> list[RenderableType]:
    groups = handout.plan.safety_net
    if not groups:
        return []
    out: list[RenderableType] = [Rule(words.SAFETY_TITLE, align="left", style="red")]
    for group in groups:
        out.append(Text(f"{group.action}:", style=f"bold {PRINT_COLOURS[group.level]}"))
        out.append(_bullets([sign.text for sign in group.signs], indent=1))
    return out
