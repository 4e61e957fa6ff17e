"""Interactive intake in the terminal: builds a case by asking plain questions.

Every red-flag question is asked and must be answered yes, no or not sure (unknown is not
absent: the intake never skips one). Painful regions are chosen by number, grouped by area.
Reads answers with `input()`, so a script can drive it through stdin.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from triggermap.errors import InputError
from triggermap.reasoning.case import Case, parse_case

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

Ask = Callable[[str], str]


class IntakeEnded(InputError):
    """The person's input ended (Ctrl-D, or a script that ran out of answers)."""


ALIASES = {"both": "bilateral", "both sides": "bilateral", "don't know": "unknown"}
AREA_ORDER = ("back", "buttock", "hip", "abdomen", "thigh", "knee", "leg", "foot")


def run_intake(
    kb: KnowledgeBase, ask: Ask | None = None, say: Callable[[str], None] | None = None
) -> Case:
    ask = ask or _input
    say = say or _say
    say(
        "triggermap intake: answer each question, then press Enter. "
        "Decision support, not a diagnosis."
    )
    data: dict[str, Any] = {"pain": {}}
    data["pain"]["regions"] = _regions(kb, ask, say)
    data["pain"]["intensity"] = _number(ask, say, "Usual pain from 0 (none) to 10 (worst)", 0, 10)
    weeks = _weeks(ask, say)
    if weeks is not None:
        data["duration_weeks"] = weeks
    data["onset"] = _choice(ask, say, "How did it start", kb.exam.onsets)
    data["side"] = _choice(ask, say, "Which side hurts", kb.exam.sides)
    age = _number(ask, say, "Your age in years (blank to skip)", 0, 120, allow_blank=True)
    if age is not None:
        data["age"] = age
    data["sex"] = _choice(ask, say, "Sex", kb.exam.sexes)
    present: list[str] = []
    absent: list[str] = []
    unsure: list[str] = []
    say("\nWarning signs: every question needs an answer (y = yes, n = no, ? = not sure).")
    for symptom in (s for s in kb.symptoms.values() if s.red_flag):
        answer = _yes_no(ask, say, symptom.patient_question, allow_unsure=True)
        {"y": present, "n": absent, "?": unsure}[answer].append(symptom.id)
    data.update(symptoms=present, absent=absent, unsure=unsure)
    if _emergency_now(data, kb):  # the rest can wait: say so at once and stop asking
        say(
            "\nEMERGENCY: one of your answers is a warning sign that needs an emergency "
            "department now. The other questions can wait; here is what to do."
        )
        return parse_case(data, kb)
    try:  # every warning sign is answered: input that ends now keeps what was given
        say("\nOther symptoms (y = yes, n = no, Enter = skip).")
        for symptom in (s for s in kb.symptoms.values() if not s.red_flag):
            answer = _yes_no(ask, say, symptom.patient_question, allow_skip=True)
            if answer == "y":
                present.append(symptom.id)
            elif answer == "n":
                absent.append(symptom.id)
        general = [(h.id, h.label) for h in kb.history.values() if h.refines is None]
        picked = _pick(ask, say, "Which of these apply to you", general)
        data["history"] = [_refined(kb, ask, say, history_id) for history_id in picked]
    except IntakeEnded:
        say("(input ended: the remaining questions are left unanswered)")
    data.update(symptoms=present, absent=absent, unsure=unsure)
    return parse_case(data, kb)


def _refined(kb: KnowledgeBase, ask: Ask, say: Callable[[str], None], history_id: str) -> str:
    """The item's follow-up, when other items refine it; "not sure" keeps the general item."""
    options = [h for h in kb.history.values() if h.refines == history_id]
    if not options:
        return history_id
    say(f"\n{kb.history[history_id].follow_up}")
    for i, option in enumerate(options, 1):
        say(f"  {i:>2}. {option.label}")
    say(f"  {len(options) + 1:>2}. not sure")
    choice = _number(ask, say, "Number", 1, len(options) + 1)
    assert choice is not None  # no blank allowed
    return options[choice - 1].id if choice <= len(options) else history_id


def _emergency_now(data: dict[str, Any], kb: KnowledgeBase) -> bool:
    from triggermap.reasoning.engine import assess

    return assess(parse_case(data, kb), kb).triage.level == "emergency"


def _weeks(ask: Ask, say: Callable[[str], None]) -> float | None:
    """Weeks as a number ("3", "0.5"), or days ("4 days"); Enter or "?" when not known."""
    prompt = "How long has this episode lasted, in weeks (or say '4 days'; Enter if not sure)"
    while True:
        raw = ask(f"{prompt}: ").strip().lower()
        if raw in ("", "?", "not sure", "unsure"):
            return None
        number, _, unit = raw.partition(" ")
        try:
            value = float(number)
        except ValueError:
            value = -1.0
        if unit.strip() in ("day", "days"):
            value = value / 7 if value >= 0 else value
        elif unit.strip() not in ("", "week", "weeks", "wk", "wks"):
            value = -1.0
        if 0 <= value <= 520:
            return round(value, 1)
        say("  Please give a number of weeks from 0 to 520, like 3 or 0.5, or '4 days'.")


def _say(text: str) -> None:
    print(text, file=sys.stderr)  # stdout is for the result (e.g. --format json)


def _input(prompt: str) -> str:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    try:
        return input()
    except EOFError:
        sys.stderr.write("\n")  # the error goes on a line of its own, not after the prompt
        raise IntakeEnded(
            "--interactive: input ended before every warning-sign question was answered"
        ) from None


def _regions(kb: KnowledgeBase, ask: Ask, say: Callable[[str], None]) -> list[str]:
    options = sorted(kb.regions.values(), key=lambda r: (AREA_ORDER.index(r.area), r.id))
    say("\nWhere does it hurt? (You give the side next: left, right or both.)")
    numbered = []
    for area in AREA_ORDER:
        group = [r for r in options if r.area == area]
        if group:
            say(f"  {area}:")
            for region in group:
                numbered.append(region.id)
                say(f"    {len(numbered):>2}. {region.label} ({region.plain})")
    return _numbers(ask, say, "Numbers of the painful areas, separated by commas", numbered)


def _pick(
    ask: Ask,
    say: Callable[[str], None],
    title: str,
    options: list[tuple[str, str]],
) -> list[str]:
    say(f"\n{title}?")
    for i, (_, label) in enumerate(options, 1):
        say(f"  {i:>2}. {label}")
    return _numbers(
        ask,
        say,
        "Numbers, separated by commas (Enter for none)",
        [o[0] for o in options],
        allow_blank=True,
    )


def _numbers(
    ask: Ask, say: Callable[[str], None], prompt: str, ids: list[str], allow_blank: bool = False
) -> list[str]:
    while True:
        raw = ask(f"{prompt}: ").strip()
        if not raw and allow_blank:
            return []
        try:
            picks = [int(p) for p in raw.replace(" ", ",").split(",") if p]
            picks = picks if raw.isascii() and "_" not in raw else []  # not '1_0' or '²'
        except ValueError:
            picks = []
        if picks and all(1 <= p <= len(ids) for p in picks):
            return [ids[p - 1] for p in dict.fromkeys(picks)]
        say(f"  Please give numbers from 1 to {len(ids)}, like 3,5.")


def _number(
    ask: Ask,
    say: Callable[[str], None],
    prompt: str,
    low: int,
    high: int,
    allow_blank: bool = False,
) -> int | None:
    while True:
        raw = ask(f"{prompt}: ").strip()
        if not raw and allow_blank:
            return None
        if raw.isascii() and raw.isdigit() and low <= int(raw) <= high:
            return int(raw)
        say(f"  Please give a whole number from {low} to {high}.")


def _choice(ask: Ask, say: Callable[[str], None], prompt: str, options: tuple[str, ...]) -> str:
    """One of `options`, by number, by name or by the start of a name ("f" for female)."""
    words = [o.replace("_", " ") for o in options]
    listing = ", ".join(f"{i}={w}" for i, w in enumerate(words, 1))
    while True:
        raw = " ".join(ask(f"{prompt} ({listing}): ").strip().lower().replace("_", " ").split())
        raw = ALIASES.get(raw, raw)
        if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= len(options):
            return options[int(raw) - 1]
        starts = [o for o, w in zip(options, words, strict=True) if raw and w.startswith(raw)]
        if raw in words:
            return options[words.index(raw)]
        if len(starts) == 1:
            return starts[0]
        say("  Please choose one of the numbers shown.")


def _yes_no(
    ask: Ask,
    say: Callable[[str], None],
    question: str,
    allow_unsure: bool = False,
    allow_skip: bool = False,
) -> str:
    hint = "y/n/?" if allow_unsure else "y/n, Enter to skip"
    while True:
        raw = ask(f"{question} [{hint}]: ").strip().lower()
        if raw in ("y", "yes"):
            return "y"
        if raw in ("n", "no"):
            return "n"
        if allow_unsure and raw in ("?", "not sure", "unsure"):
            return "?"
        if allow_skip and raw in ("", "?", "not sure"):
            return ""
        say("  Please answer y, n" + (" or ? (not sure)." if allow_unsure else ", or Enter."))
