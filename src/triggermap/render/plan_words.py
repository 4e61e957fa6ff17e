"""The words every plan renderer shares: section titles, triage banners, doses in plain English.

Renderers (text, Markdown, HTML, PDF) differ only in markup; what a person reads is decided
here once, so the terminal and the printed handout say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from triggermap.kb.levels import seeks_care_now
from triggermap.render.levels import level_title

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.careplan.model import PlanItem

TITLE = "Your care plan for buttock pain"
PHASE_TITLES = {
    "relief": "1. Relief now",
    "restore": "2. Restore: weeks 1 to 6",
    "prevent": "3. Keep it from coming back",
}
PHASE_INTROS = {
    "relief": "Start today. These ease the pain and the tight spots.",
    "restore": "Add these over the coming days and keep them up for six weeks.",
    "prevent": "Habits that take strain off the muscles, for the long term.",
}
PROFESSIONAL_TITLE = "Care from professionals"
PROFESSIONAL_INTRO = (
    "If self-care is not enough, or you would like help, these professionals can treat the "
    "same muscles."
)
SAFETY_TITLE = "When to get help"
LEFT_OUT_TITLE = "Left out for your safety"
LEFT_OUT_INTRO = (
    "These would have been part of your plan, but what you told us makes them unsafe for you. "
    "The items above are already changed where you need it (see \u201cTake care\u201d)."
)
REVIEW_TITLE = "Check your progress"
SEEK_CARE_TITLE = "Get medical help now"
URGENCY_WORDS = {
    "emergency": "now",
    "urgent": "within 24 to 48 hours",
    "soon": "book an appointment",
    "if_needed": "if self-care is not enough",
}
NEEDS_DIAGNOSIS_RULE = "clinician_needs_diagnosis"  # another cause leads: see a clinician
UNTIL_SEEN = (
    "Until the clinician has checked, the self-care below eases these muscles; it does not treat "
    "the other cause they will look for. Stop anything that makes the pain worse."
)
TAKE_THIS_PAGE = "Take this page with you and show it to the staff."
SOURCES_HINT = "Look up any source with: triggermap kb source KEY"


def left_out_notes(plan: Any) -> list[tuple[str, str]]:
    """(title, why) for each home item left out for safety, naming what replaced it."""
    return [
        (lo.title, lo.reason + (f" Instead: {lo.instead}." if lo.instead else ""))
        for lo in plan.left_out
    ]


def screening_note(triage: Any) -> str | None:
    """What a plan made without every warning-sign answer must say, or None."""
    if triage.seek_care_now or not triage.unanswered:
        return None
    count = len(triage.unanswered)
    return (
        f"Not yet a full check: {count} warning-sign question{'s were' if count > 1 else ' was'} "
        f"not answered ({', '.join(triage.unanswered)}). This plan assumes none of them applies; "
        "answer them (triggermap assess --interactive) or ask a clinician before you start."
    )


def banner_heading(level: str, summary: str) -> str:
    """'EMERGENCY: Go to an emergency department now.'; the summary alone below urgent."""
    if seeks_care_now(level):
        return f"{level_title(level)}: {summary}"
    return summary


def long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def equipment_words(item: PlanItem) -> str:
    return ", ".join(e.replace("_", " ") for e in item.equipment)


@dataclass(frozen=True)
class Section:
    key: str  # relief | restore | prevent | professional
    title: str
    intro: str
    items: tuple[PlanItem, ...]


def item_sections(handout: Handout) -> list[Section]:
    """Home care by phase, then care a professional gives; empty sections left out."""
    plan = handout.plan
    given = {item_id for referral in plan.referrals for item_id in referral.items}
    professional = tuple(i for i in plan.items if i.kind == "professional" or i.id in given)
    home = [i for i in plan.items if i not in professional]
    sections = [
        Section(p, PHASE_TITLES[p], PHASE_INTROS[p], tuple(i for i in home if i.phase == p))
        for p in ("relief", "restore", "prevent")
    ]
    sections.append(Section("professional", PROFESSIONAL_TITLE, PROFESSIONAL_INTRO, professional))
    return [s for s in sections if s.items]


def home_then_professional(handout: Handout) -> tuple[list[Section], list[Section]]:
    """The home sections and the professional one: what was left out for safety is read between
    them, as part of the home programme it changed."""
    sections = item_sections(handout)
    return (
        [s for s in sections if s.key != "professional"],
        [s for s in sections if s.key == "professional"],
    )


def found_sentence(handout: Handout) -> str:
    """What the answers suggest, in one or two plain sentences (no diagnosis: "may come
    from", never "fits" or "is")."""
    if not handout.muscles:
        return ""
    names = [f"the {m.name.lower()} ({m.plain_name})" for m in handout.muscles]
    if len(names) == 1:
        found = f"Your pain may come from trigger points in {names[0]}."
    else:
        found = "Your pain may come from trigger points in these muscles: " + "; ".join(names)
        found += "."
    if any(r.rule == NEEDS_DIAGNOSIS_RULE for r in handout.plan.triage.reasons):
        found += " " + UNTIL_SEEN
    return found


def review_lines(handout: Handout) -> list[str]:
    out = []
    for check in handout.plan.review.checks:
        day = long_date(date.fromisoformat(check.date))
        out.append(
            f"On {day} (after {check.after_weeks} weeks): if {check.condition}, {check.action}."
        )
    return out


def made_on(handout: Handout) -> str:
    return (
        f"Made on {long_date(handout.date)} with knowledge base {handout.plan.knowledge_version}."
    )


def footer(handout: Handout) -> str:
    return f"{made_on(handout)} {handout.disclaimer}"


PROGRESS_TITLE = "Your progress so far"
PROGRESS_INTRO = (
    "Your pain diary: daily pain and its weekly average, the level that would count as clearly "
    "better (2 points or 30% below where you started), and where it hurt at the start and lately."
)
PROGRESS_ALT = "Chart of daily pain over time and body maps of where it hurt"


ROUTINE_TITLE = "Today's routine"
ROUTINE_INTRO = (
    "Do these in order. Each picture shows the position; orange marks the muscle it works, "
    "the arrow the movement or the pressure, and a faint figure where you start."
)
DETAILS_TITLE = "How to do each one"
FOUND_TITLE = "Where your muscles send pain"
FOUND_INTRO = (
    "Trigger points in a muscle can hurt far from the knot itself. Each map shows where one of "
    "your plan's muscles usually sends pain, where it sometimes does, and where you marked pain."
)
SOURCES_TITLE = "Sources"
DIAGNOSIS_TITLE = "Working diagnosis after your examination"
MUST_EXCLUDE_TITLE = "To be ruled out by a clinician"
HELP_INTRO = "Stop your exercises and get help if you notice any of these:"
PURPOSES = {
    "self_release": "Eases tender spots in the {muscles}",
    "stretch": "Gently lengthens the {muscles}",
    "strengthen": "Builds strength in the {muscles}",
    "proprioception": "Trains balance and a steady pelvis",
    "activation": "Teaches the {muscles} to switch on",
    "heat": "Warms and relaxes the sore muscles",
}


def purpose(item: PlanItem, handout: Handout) -> str:
    """One line: what the exercise does, for the routine's picture card."""
    art = handout.art.get(item.id)
    ids = art.muscles if art else ()
    names = [handout.muscle_names.get(m, m.replace("_", " ")) for m in ids]
    template = PURPOSES.get(item.kind, "")
    if "{muscles}" in template and not names:
        return item.why.split(". ", 1)[0].rstrip(".") + "."
    return template.format(muscles=_joined(names)) + "."


def _joined(names: list[str]) -> str:
    if not names:
        return "muscles"
    if len(names) > 1 and all(
        n.startswith("Gluteus ") for n in names
    ):  # gluteus medius and minimus
        names = [names[0]] + [n.removeprefix("Gluteus ") for n in names[1:]]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return text.lower()


def routine_items(handout: Handout) -> tuple[PlanItem, ...]:
    """Today's home exercises in the order the session plays them."""
    from triggermap.careplan.routine import build_routine

    return tuple(step.item for step in build_routine(handout.plan))


def side_words(handout: Handout) -> str:
    """Which side the pictures show, in words for the routine's introduction."""
    return {
        "left": "The pictures show your left side.",
        "right": "The pictures show your right side.",
        "both": "The pictures show one side: do both.",
    }.get(handout.picture_side or "", "The pictures show one side: do your sore side.")


def for_whom(handout: Handout) -> str:
    """'For P-014 · from Dr Lee · 15 January 2026'."""
    parts = []
    if handout.patient_label:
        parts.append(f"For {handout.patient_label}")
    if handout.clinician:
        parts.append(f"from {handout.clinician}")
    parts.append(long_date(handout.date))
    return " · ".join(parts)
