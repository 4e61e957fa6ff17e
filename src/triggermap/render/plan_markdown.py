"""The care plan as Markdown: the same content as the handout, for notes and messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from triggermap.render import plan_words as words
from triggermap.render.dose_words import describe_dose

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.careplan.model import PlanItem


def render_plan_markdown(handout: Handout) -> str:
    plan = handout.plan
    lines = [f"# {words.TITLE}", "", f"*{words.long_date(handout.date)}*", ""]
    lines += _banner(handout)
    if not plan.triage.seek_care_now:
        found = words.found_sentence(handout)
        if found:
            lines += [found, ""]
        if handout.painful_places:
            lines += ["Where you marked pain: " + "; ".join(handout.painful_places) + ".", ""]
        home, professional = words.home_then_professional(handout)
        for section in home:
            lines += _section(section)
        lines += _left_out(handout)
        for section in professional:
            lines += _section(section)
        lines += _referrals(handout)
    lines += _safety_net(handout)
    review = words.review_lines(handout)
    if review:
        lines += [f"## {words.REVIEW_TITLE}", ""] + [f"- {line}" for line in review] + [""]
    lines += ["---", "", f"*{words.footer(handout)} {words.SOURCES_HINT}.*", ""]
    return "\n".join(lines)


def _section(section: words.Section) -> list[str]:
    lines = [f"## {section.title}", "", f"*{section.intro}*", ""]
    for item in section.items:
        lines += _item(item)
    return lines


def _banner(handout: Handout) -> list[str]:
    triage = handout.plan.triage
    lines = [f"> **{words.banner_heading(triage.level, triage.summary)}**", ">"]
    for reason in triage.reasons:
        lines.append(f"> {reason.explanation}")
        if reason.action:
            lines.append(f"> **{reason.action}**")
        lines.append(">")
    if triage.seek_care_now:
        lines += [f"> **{words.TAKE_THIS_PAGE}**", ">"]
    note = words.screening_note(triage)
    if note:
        lines += [f"> **{note}**", ">"]
    return [*lines[:-1], ""]


def _item(item: PlanItem) -> list[str]:
    lines = [f"### {item.title}", "", f"*Why:* {item.why}", ""]
    dose = describe_dose(item.dose, item.kind)
    if dose:
        lines += [f"**How much:** {dose}", ""]
    lines += [f"{n}. {step}" for n, step in enumerate(item.steps, 1)] + [""]
    if item.equipment:
        lines += [f"*You need:* {words.equipment_words(item)}", ""]
    lines += [f"> **Take care:** {p}" for p in item.precautions]
    if item.precautions:
        lines.append("")
    lines += [f"<sub>Sources: {', '.join(item.sources)}</sub>", ""]
    return lines


def _left_out(handout: Handout) -> list[str]:
    notes = words.left_out_notes(handout.plan)
    if not notes:
        return []
    lines = [f"## {words.LEFT_OUT_TITLE}", "", f"*{words.LEFT_OUT_INTRO}*", ""]
    return [*lines, *(f"- **{title}:** {why}" for title, why in notes), ""]


def _referrals(handout: Handout) -> list[str]:
    people = [r for r in handout.plan.referrals if r.items]
    if not people:
        return []
    lines = ["## Who can help", ""]
    for referral in people:
        when = words.URGENCY_WORDS[referral.urgency]
        lines.append(f"- **{referral.title}** ({when}): {', '.join(referral.why)}")
        lines += [f"  - *Not for you:* {lo.title}. {lo.reason}" for lo in referral.not_for]
    return [*lines, ""]


def _safety_net(handout: Handout) -> list[str]:
    if not handout.plan.safety_net:
        return []
    lines = [f"## {words.SAFETY_TITLE}", ""]
    for group in handout.plan.safety_net:
        lines += [f"**{group.action}:**", ""]
        lines += [f"- {sign.text}" for sign in group.signs] + [""]
    return lines
