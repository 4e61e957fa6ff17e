"""The assessment for people: the triage banner first, then muscles, differential, imaging, next.

Plain words first, the clinician's terms after them with a short explanation. An emergency is
a full-width red banner that cannot be missed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from triggermap.kb.levels import seeks_care_now
from triggermap.plain_numbers import percent
from triggermap.reasoning.triage import decisive_reasons
from triggermap.render.labels import atom_label
from triggermap.render.levels import TERMINAL_STYLES, level_title, review_advice

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import (
        Assessment,
        ExclusionReason,
        MuscleResult,
        MustExclude,
    )

MUSCLE_FLOOR = 0.2
SEEK_CARE_FIRST = (
    "The warning signs above decide what to do now. These figures are estimates from the "
    "answers alone, for the clinician: a low figure does not make a warning sign less urgent."
)
CONDITIONS_SHOWN = 6


def render_assessment(a: Assessment, kb: KnowledgeBase) -> RenderableType:
    parts: list[RenderableType] = [_banner(a, kb)]
    if not a.triage.screening_complete:
        parts.append(_unanswered(a, kb))
    parts += [_muscles(a, kb), _conditions(a, kb)]
    if a.must_exclude:
        parts.append(_must_exclude(a, kb))
    parts += [_imaging(a), _next_tests(a)]
    parts.append(Text(f"\n{a.disclaimer} Knowledge version {a.knowledge_version}.", style="dim"))
    return Group(*parts)


def _label(kb: KnowledgeBase, atom: str) -> str:
    return atom_label(kb, atom)


def _banner(a: Assessment, kb: KnowledgeBase) -> RenderableType:
    title, style = level_title(a.triage.level), TERMINAL_STYLES[a.triage.level]
    lines = Text()
    summary = a.triage.summary
    if a.triage.level == "self_care" and not a.triage.screening_complete:
        summary = "Self-care may be reasonable, but first answer the warning-sign questions."
    lines.append(f"{summary}\n", style="bold")
    for reason in decisive_reasons(a.triage):
        lines.append(f"\n• {reason.explanation}")
        findings = ", ".join(_label(kb, f) for f in reason.findings)
        lines.append(f"\n  because: {findings}  [rule {reason.rule}; {reason.source}]", style="dim")
        if reason.action:
            lines.append(f"\n  what to do: {reason.action}")
    if a.triage.level == "self_care" and not a.triage.screening_complete:
        lines.append(
            f"\nNo warning signs were reported, but {len(a.triage.unanswered)} warning-sign "
            "question(s) were not answered (see below): this is not yet a full screening.",
            style="bold yellow",
        )
    if a.triage.level == "self_care":
        if a.triage.screening_complete:
            lines.append("\nNo warning signs found.")
        lines.append(
            "\nIf new symptoms appear (numbness in the saddle "
            "area, trouble passing urine, fever, weakness that gets worse), seek care. "
            + review_advice(kb)
        )
    return Panel(lines, title=f"[{style}] {title} [/]", border_style=style.split()[-1], expand=True)


def _unanswered(a: Assessment, kb: KnowledgeBase) -> RenderableType:
    names = ", ".join(kb.symptoms[s].label.lower() for s in a.triage.unanswered)
    if seeks_care_now(a.triage.level):  # no answer can lower it: care comes first
        advice = "No answer to them can make this less urgent: get care first."
    else:
        advice = (
            "Answer them (for example with `triggermap assess --interactive`) before relying "
            "on this result."
        )
    return Panel(
        Text(
            f"These warning-sign questions were not answered, so the screening is not "
            f"complete: {names}. {advice}"
        ),
        title="[bold yellow]Screening incomplete[/]",
        border_style="yellow",
    )


def _muscles(a: Assessment, kb: KnowledgeBase) -> RenderableType:
    shown = [m for m in a.muscles if m.score >= MUSCLE_FLOOR][:5]
    title = "Which muscles may hold trigger points (knots that send pain elsewhere)"
    if not shown:
        return Panel(Text("No muscle's referral pattern fits this picture well."), title=title)
    table = Table(expand=True, show_edge=False)
    table.add_column("Muscle")
    table.add_column("Match", justify="right")
    table.add_column("Explains these painful areas")
    table.add_column("What weighed most (x likelihood ratio)", overflow="fold")
    for m in shown:
        regions = ", ".join(kb.regions[r].label.lower() for r in m.explains) or "-"
        table.add_row(m.name, percent(m.score), regions, Text(_muscle_reasons(kb, m)))
    extra: list[RenderableType] = [table]
    if seeks_care_now(a.triage.level):
        extra.insert(
            0,
            Text(
                "Trigger points are not the priority now: get the care above first.", style="bold"
            ),
        )
    if a.combination:
        names = " + ".join(kb.muscles[m].name for m in a.combination.muscles)
        extra.append(Text(f"No single muscle explains the whole drawing; together {names} do."))
    if a.unexplained:
        names = ", ".join(kb.regions[r].label.lower() for r in a.unexplained)
        extra.append(Text(f"Not explained by any trigger-point pattern: {names}.", style="yellow"))
    return Panel(Group(*extra), title=title)


def _conditions(a: Assessment, kb: KnowledgeBase) -> RenderableType:
    table = Table(expand=True, show_edge=False)
    table.add_column("Possible cause")
    table.add_column("Probability", justify="right")
    table.add_column("Before findings", justify="right")
    table.add_column(
        "What moved it (likelihood ratio: above 1 raises, below 1 lowers)", overflow="fold"
    )
    for c in a.conditions[:CONDITIONS_SHOWN]:
        moves = sorted(c.evidence, key=lambda e: -abs(_log(e.likelihood_ratio)))[:4]
        why = (
            "; ".join(
                f"{_label(kb, e.finding)}{_state_word(e.finding, e.state)} "
                f"x{e.likelihood_ratio:.2g} [{e.source}]"
                for e in moves
            )
            or "no findings yet"
        )
        name = f"{c.name}" + (" (serious)" if c.serious else "")
        table.add_row(Text(name), percent(c.probability), percent(c.pretest), Text(why))
    table.add_row(Text("None of these", style="dim"), percent(a.none_of_these), "", "")
    top = a.conditions[0] if a.conditions else None
    parts: list[RenderableType] = [table]
    if seeks_care_now(a.triage.level):
        parts.insert(0, Text(SEEK_CARE_FIRST, style="bold"))
        return Panel(Group(*parts), title="Differential, for the clinician who sees you")
    if top is not None and top.probability >= 0.3:
        summary = kb.conditions[top.id].patient_summary.strip()
        parts.append(Text(f"\nWhat the leading possibility means: {summary}", style="italic"))
    return Panel(
        Group(*parts),
        title="Differential (most probable first; with 'none of these' they add up to 100%)",
    )


def _must_exclude(a: Assessment, kb: KnowledgeBase) -> RenderableType:
    """Beside the ranking: what a clinician has to rule out, each with why."""
    lines = Text()
    for entry in a.must_exclude:
        lines.append(f"• {entry.name}", style="bold")
        lines.append(f" ({percent(entry.probability)} now)\n", style="dim")
        for reason in entry.reasons:
            lines.append(f"  {exclusion_reason(kb, entry, reason)}\n")
    return Panel(
        lines, title="Must be ruled out", border_style="yellow", subtitle="whatever the ranking"
    )


def exclusion_reason(kb: KnowledgeBase, entry: MustExclude, reason: ExclusionReason) -> str:
    """One reason a condition must be ruled out, in words."""
    found = ", ".join(_label(kb, f) for f in reason.findings)
    if reason.kind == "red_flag_rule":
        return f"a warning sign points to it: {found} [rule {reason.rule}, {reason.level}]"
    if reason.kind == "raised":
        times = entry.probability / entry.pretest if entry.pretest else 0.0
        return f"raised to {times:.0f} times its base rate by: {found}"
    return f"not yet asked: {found}"


def _muscle_reasons(kb: KnowledgeBase, m: MuscleResult) -> str:
    top = sorted(m.evidence, key=lambda e: -abs(_log(e.likelihood_ratio)))[:3]
    return "; ".join(
        f"{e.finding if e.finding.startswith('pain drawing') else _label(kb, e.finding.split()[0])}"
        f"{' (absent)' if e.finding.endswith(('(absent)', '(denied)')) else ''}"
        f" x{e.likelihood_ratio:.2g} [{e.source}]"
        for e in top
    )


def _state_word(finding: str, state: str) -> str:
    if state == "partial":
        return " (partly known)"
    if finding.startswith("test:"):
        return " (positive)" if state == "present" else " (negative)"
    return "" if state == "present" else " (absent)"


def _log(x: float) -> float:
    import math

    return math.log(x) if x > 0 else 0.0


def _imaging(a: Assessment) -> RenderableType:
    im = a.imaging
    modality = {
        "none": "no imaging",
        "xray": "X-ray",
        "mri": "MRI",
        "mri_arthrogram": "MRI arthrogram",
        "ultrasound": "ultrasound",
        "ct": "CT scan",
        "urgent_mri": "urgent MRI",
    }[im.modality]
    head = (
        f"Recommended: {modality} ({im.urgency})"
        if im.recommended
        else "Imaging is not recommended now."
    )
    lines = Text(head + "\n", style="bold")
    for r in im.reasons[:4]:
        lines.append(f"• {r.reason} [{r.source}]\n")
    return Panel(lines, title="Imaging (scans and X-rays)")


def _next_tests(a: Assessment) -> RenderableType:
    if not a.next_tests or seeks_care_now(a.triage.level):
        return Text("")  # the next step is the care above, not another test at home
    lines = Text()
    for t in a.next_tests:
        lines.append(f"• {t.why}\n")
    return Panel(lines, title="Next examination steps for a clinician (most informative first)")
