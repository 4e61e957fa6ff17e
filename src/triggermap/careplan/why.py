"""`why`: one or two plain sentences saying why an item is in this person's plan.

The words come from the case and the knowledge base (region, muscle, history and condition
names); this module only joins them. No diagnosis is stated: a muscle "sends pain" to the
places marked, a condition is "one of the likely explanations".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triggermap.careplan.selection import Candidate, Leading
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.case import Case

PHASE_PURPOSE = {
    "relief": "It helps ease the pain now.",
    "restore": "It helps rebuild strength and movement over the next six weeks.",
    "prevent": "It helps keep the pain from coming back.",
}
DELIVERER_NAMES = {
    "self": "you",
    "physical_therapist": "a physical therapist",
    "massage_therapist": "a massage therapist",
    "athletic_trainer": "an athletic trainer",
    "chiropractor": "a chiropractor",
    "physician": "a doctor",
}


def explain(candidate: Candidate, case: Case, kb: KnowledgeBase) -> str:
    parts: list[str] = []
    if candidate.replaces:
        parts.append(
            f"It takes the place of \u201c{candidate.replaces}\u201d, left out for your safety."
        )
    if candidate.muscles:
        parts.append(muscle_reason(candidate.muscles, case))
    if candidate.history:
        labels = "; ".join(kb.history[h].label for h in candidate.history)
        parts.append(f"It fits what you told us: {labels}.")
    if not parts and candidate.conditions:
        name = kb.conditions[candidate.conditions[0]].plain_name  # the most probable
        parts.append(
            f"It is part of the usual care for {name}, one of the likely explanations of your pain."
        )
    if not parts:
        parts.append(PHASE_PURPOSE[candidate.treatment.phase])
    if "self" not in candidate.treatment.delivered_by:
        parts.append(f"Given by {deliverers(candidate.treatment.delivered_by)}.")
    return " ".join(parts)


def muscle_reason(muscles: tuple[Leading, ...], case: Case) -> str:
    first = muscles[0]
    name = muscle_name(first.muscle.name)
    explained = [r for r in first.result.explains if r in case.pain.regions]
    marked = len(case.pain.regions)
    if explained and len(explained) == marked:
        text = f"Your pain drawing fits trigger points in the {name}."
    elif explained:
        text = (
            f"{_count(len(explained))} of the {marked} places you marked fit trigger points "
            f"in the {name}."
        )
    else:
        text = f"Your answers point to trigger points in the {name}."
    if any(case.exam.palpation.get(first.muscle.id, {}).values()):
        text += " An examination found a tender spot there."
    others = [muscle_name(m.muscle.name) for m in muscles[1:]]
    if others:
        text += f" It also works the {join_words(others)}."
    return text


def _count(n: int) -> str:
    words = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")
    return words[n] if n < len(words) else str(n)


def muscle_name(name: str) -> str:
    """'Hamstrings (biceps femoris, ...)' -> 'hamstrings'; 'Gluteus medius' -> 'gluteus medius'."""
    short = name.split(" (", 1)[0]
    return short[:1].lower() + short[1:]


def deliverers(who: Sequence[str]) -> str:
    return join_words([DELIVERER_NAMES.get(w, w.replace("_", " ")) for w in who], "or")


def join_words(words: list[str], conjunction: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
