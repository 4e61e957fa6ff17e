"""Progress in plain words: what to do first (triage, escalation), then the figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from triggermap.kb.levels import seeks_care_now
from triggermap.reasoning.triage import decisive_reasons
from triggermap.render.levels import level_title
from triggermap.render.numbers import one_decimal

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.person.records import Person
    from triggermap.person.triage import Cause, PersonTriage
    from triggermap.progress.regions import RegionFrequency
    from triggermap.progress.report import ProgressReport

ACTION_WORDS = {"run_triage": "TRIAGE AGAIN NOW", "see_clinician": "SEE A CLINICIAN"}


def raised_by_note(cause: Cause, level: str, who: str) -> str:
    """What in a person's records raised a plan's triage, in one line."""
    from triggermap.person.triage import CAUSE_WORDS

    return f"for {who}, {CAUSE_WORDS[cause]} put the triage at {level.replace('_', ' ')}"


def triage_lines(triage: PersonTriage) -> list[str]:
    """The triage result that comes first: red-flag diary entries, or a saved assessment."""
    t = triage.assessment.triage
    heading = {
        "saved": "TRIAGE (the latest saved assessment)",
        "flags": "TRIAGE (red-flag symptom not yet rechecked)",
        "records": "TRIAGE (the records as they stand: earlier findings, the recent diary)",
    }[triage.cause]
    lines = [f"{heading}: {level_title(t.level)}", f"  {t.summary}"]
    for reason in decisive_reasons(t):
        lines.append(f"  - {reason.explanation}  [{reason.rule}; {reason.source}]")
        if reason.action:
            lines.append(f"    what to do: {reason.action}")
    if t.unanswered and not seeks_care_now(t.level):
        count = len(t.unanswered)
        lines.append(
            f"  Not a full check: {count} warning-sign question{'s were' if count > 1 else ' was'}"
            " never answered; answer them with triggermap assess --interactive."
        )
    if triage.cause == "saved":
        lines.append(
            "  (no assessment has been saved since; if you have been seen, save the new one "
            "with triggermap assess --save)"
        )
        return lines
    base = "the latest saved case with" if triage.from_assessment else "no saved assessment;"
    case = triage.case
    pain = None if case is None else case.pain.intensity
    symptoms = ("" if case is None else ", ".join(case.symptoms)) or "none"
    lines.append(
        f"  (triaged: {base} the recent diary; symptoms: {symptoms}"
        + ("" if pain is None else f"; highest pain {pain}")
        + ")"
    )
    return lines


def progress_lines(
    person: Person,
    r: ProgressReport,
    triage: PersonTriage | None,
    kb: KnowledgeBase | None = None,
) -> list[str]:
    lines: list[str] = []
    if triage is not None:
        lines += [*triage_lines(triage), ""]
    lines.append(f"Progress of {person.label} (id {person.id}) as of {r.today}")
    for e in r.escalations:
        lines.append(f"{ACTION_WORDS[e.action]}: {e.message}  [{', '.join(e.sources)}]")
    if r.pain is None:
        lines.append("No diary entries yet: add one with `triggermap diary add`.")
    else:
        lines += ["", *_pain_lines(r)]
    lines += _peg_lines(r) + _adherence_lines(r) + _region_lines(r, kb)
    lines += ["", _followed(r), "Decision support, not a diagnosis."]
    return lines


def _pain_lines(r: ProgressReport) -> list[str]:
    p = r.pain
    assert p is not None
    percent = "" if p.percent is None else f" ({p.percent:+g}%)"
    verdict = (
        "too early to compare (the diary covers under two weeks)"
        if not p.comparable
        else "clearly better"
        if p.important_improvement
        else "clearly worse"
        if p.important_worsening
        else "not yet clearly better"
    )
    start, latest = one_decimal(p.baseline), one_decimal(p.current)
    threshold = one_decimal(r.improvement_threshold() or 0.0)
    lines = [  # the change shown is the difference of the figures shown
        "Pain (0-10; the mean of a week's daily pain)",
        f"  at the start  {start:4.1f}   ({p.baseline_days[0]} to {p.baseline_days[1]})",
        f"  latest week   {latest:4.1f}   ({p.current_days[0]} to {p.current_days[1]})",
        f"  change        {latest - start:+4.1f} points{percent}: {verdict}",
        f"  clearly better means {threshold:g} or less "
        f"({r.rules.mcid_points:g} points or {r.rules.mcid_fraction:.0%} below the start; "
        f"{r.rules.mcid_source})",
    ]
    if r.trend is not None:
        words = {"better": "getting better", "worse": "getting worse", "steady": "steady"}
        lines.append(
            f"  trend         {r.trend.points_per_week:+.2f} points a week over "
            f"{r.trend.days[0]} to {r.trend.days[1]}: {words[r.trend.direction]}"
        )
    return lines


def _peg_lines(r: ProgressReport) -> list[str]:
    if r.peg is None:
        return []
    first, latest = r.peg.first, r.peg.latest
    lines = ["", "PEG (pain, enjoyment, activity, 0-10 each; score = their mean; krebs_2009)"]
    if first == latest:
        return [*lines, f"  {first.score:4.2f} on {first.day} (one so far)"]
    return [
        *lines,
        f"  first   {first.score:4.2f} on {first.day}",
        f"  latest  {latest.score:4.2f} on {latest.day}   change {r.peg.points:+.2f}",
    ]


def _adherence_lines(r: ProgressReport) -> list[str]:
    a = r.adherence
    line = f"  done on {a.days_done} day(s), {a.sessions} session(s) recorded"
    if a.planned is not None and a.ratio is not None:
        line += f"; the plan asks for {a.planned:g}: {a.ratio:.0%}"
    else:
        line += "; no care plan with a schedule is stored"
    return ["", f"Self-care ({a.days[0]} to {a.days[1]})", line]


def _region_lines(r: ProgressReport, kb: KnowledgeBase | None) -> list[str]:
    if r.regions is None:
        return []
    first, latest = r.regions
    names = sorted(set(first.share) | set(latest.share))
    if not names:
        return []
    lines = [
        "",
        "Where it hurt (share of the diary days that say where)",
        f"  {'':36} {'at the start':>14}  {'latest':>14}",
        f"  {'':36} {_window(first):>14}  {_window(latest):>14}",
    ]
    for name in sorted(names, key=lambda n: -latest.share.get(n, 0.0)):
        label = kb.regions[name].label if kb is not None and name in kb.regions else name
        lines.append(f"  {label[:36]:36} {_share(first, name):>14}  {_share(latest, name):>14}")
    return lines


def _window(frequency: RegionFrequency) -> str:
    start, end = frequency.days
    return f"{start:%d %b}-{end:%d %b}"


def _share(frequency: RegionFrequency, region: str) -> str:
    """A share, or 'not recorded' when no day of the window says where it hurt (unknown is not
    0 %)."""
    if not frequency.diary_days:
        return "not recorded"
    return f"{frequency.share.get(region, 0.0):.0%}"


def _followed(r: ProgressReport) -> str:
    if r.last_day is None:
        return "Nothing recorded yet."
    text = f"Followed for {r.weeks_followed:g} weeks, {r.diary_entries} diary entries"
    if r.days_since_last_entry:
        text += f"; the last one {r.days_since_last_entry} day(s) ago"
    return text + "."
