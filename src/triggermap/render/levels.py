"""How each triage level looks and reads in every renderer (terminal, plan, handout, progress),
and the review advice, built from the knowledge base's progress thresholds so the numbers live
in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Triage, TriageReason

LEVEL_TITLES = {
    "emergency": "EMERGENCY",
    "urgent": "URGENT",
    "clinician": "SEE A CLINICIAN",
    "self_care": "SELF-CARE WITH A SAFETY NET",
}
TERMINAL_STYLES = {  # Rich styles for the banner: text on a background of the level's colour
    "emergency": "bold white on red",
    "urgent": "bold black on yellow",
    "clinician": "bold white on blue",
    "self_care": "bold white on green",
}
PRINT_COLOURS = {  # text-on-colour pairs readable in print and on screen
    "emergency": "#b71c1c",
    "urgent": "#e65100",
    "clinician": "#1565c0",
    "self_care": "#2e7d32",
}


def level_title(level: str) -> str:
    """'EMERGENCY', 'SEE A CLINICIAN', ... (the level id itself for an unknown level)."""
    return LEVEL_TITLES.get(level, level)


def review_advice(kb: KnowledgeBase) -> str:
    """The two review checks in one sentence, for wherever self-care is suggested."""
    t = kb.thresholds.progress
    return (
        f"If you are not clearly better in {t.not_better_weeks.value} weeks, or not recovered "
        f"in {t.not_resolved_weeks.value}, see a clinician."
    )


def shown_reasons(triage: Triage) -> list[TriageReason]:
    """The reasons a banner shows: those that decide the level (`decisive_reasons`)."""
    from triggermap.reasoning.triage import decisive_reasons

    return list(decisive_reasons(triage))


def care_now(level: str) -> bool:
    """Urgent or an emergency: the page puts getting care before anything else."""
    from triggermap.kb.levels import seeks_care_now

    return seeks_care_now(level)
