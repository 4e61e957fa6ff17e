"""An assessment as CDS Hooks cards (CDS Hooks 2.0 §Card; standards.md §3 card guidance).

`critical` only for an emergency or urgent triage, `warning` for "see a clinician" (and for a
self-care result whose warning-sign questions were not all answered: unknown is not absent),
`info` otherwise. The summary is one sentence under 140 characters; the detail, in Markdown,
gives the reasons with their sources; `source` links to the knowledge base page behind it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from triggermap.reasoning.assessment import seeks_care_now
from triggermap.render.labels import atom_label

if TYPE_CHECKING:
    from triggermap.fhir.records import RecordCase
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment, ConditionResult, TriageReason

SUMMARY_MAX = 139
OPEN_CASE_PATH = "/cases/open"  # the web app's page of a case given in its address
LEADING_SHOWN = 3
INDICATOR = {
    "emergency": "critical",
    "urgent": "critical",
    "clinician": "warning",
    "self_care": "info",
}


@dataclass(frozen=True)
class CardContext:
    """Where the links point: `base_url` of the knowledge pages and the web app; the SMART
    launch URL when the web app takes launches."""

    base_url: str
    smart_launch_url: str | None = None


def assessment_cards(
    assessment: Assessment,
    record: RecordCase,
    kb: KnowledgeBase,
    context: CardContext,
    chart: list[str],
) -> list[dict[str, Any]]:
    card: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "summary": shorten(_summary(assessment, kb), SUMMARY_MAX),
        "indicator": _indicator(assessment),
        "detail": _detail(assessment, record, kb, chart),
        "source": _source(assessment, kb, context),
        "links": _links(assessment, record, kb, context),
    }
    return [card]


def unreadable_card(message: str, kb: KnowledgeBase, context: CardContext) -> dict[str, Any]:
    """The record holds triggermap data that cannot be read: say so, never guess."""
    return {
        "uuid": str(uuid.uuid4()),
        "summary": "triggermap could not read this patient's intake: please check it.",
        "indicator": "warning",
        "detail": f"The record could not be read: `{message}`.\n\nNo triage was made from it.",
        "source": {"label": f"triggermap {kb.manifest.version}", "url": f"{context.base_url}/"},
    }


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-– ")
    return cut + "…"


def _indicator(assessment: Assessment) -> str:
    triage = assessment.triage
    if triage.level == "self_care" and not triage.screening_complete:
        return "warning"
    return INDICATOR[triage.level]


def _summary(assessment: Assessment, kb: KnowledgeBase) -> str:
    triage = assessment.triage
    if seeks_care_now(triage.level):
        reason = _top_reason(assessment)
        flags = ", ".join(atom_label(kb, f) for f in reason.findings) if reason else "red flag"
        suspects = _suspects(reason, kb) if reason else ""
        lead = (
            "Emergency assessment now" if triage.level == "emergency" else "Urgent review (24-48 h)"
        )
        return f"{lead}: {flags}" + (f" (possible {suspects})." if suspects else ".")
    lead = "see a clinician" if triage.level == "clinician" else "self-care reasonable"
    leading = assessment.conditions[0] if assessment.conditions else None
    text = f"Buttock pain: {lead}"
    if leading is not None:
        text += f"; most likely {leading.name} ({leading.probability:.0%})"
    if not triage.screening_complete:
        text += "; red flags not all screened"
    return text + "."


def _top_reason(assessment: Assessment) -> TriageReason | None:
    level = assessment.triage.level
    return next((r for r in assessment.triage.reasons if r.level == level), None)


def _suspects(reason: TriageReason, kb: KnowledgeBase) -> str:
    names = [kb.conditions[c].name for c in kb.triage_rules[reason.rule].suspects]
    return " or ".join(names)


def _detail(assessment: Assessment, record: RecordCase, kb: KnowledgeBase, chart: list[str]) -> str:
    parts = [_triage_part(assessment, kb), _conditions_part(assessment.conditions, kb)]
    imaging = assessment.imaging
    if imaging.recommended:
        parts.append(f"**Imaging:** {imaging.modality.replace('_', ' ')} ({imaging.urgency}).")
    if assessment.next_tests and not seeks_care_now(assessment.triage.level):
        test = assessment.next_tests[0]
        parts.append(f"**Most useful next step:** {test.name}: {test.why}")
    if chart:
        parts.append("**Already in the chart:** " + "; ".join(chart) + ".")
    parts.append(_provenance_part(assessment, record))
    parts.append(_sources_part(assessment, kb))
    return "\n\n".join(p for p in parts if p)


def _triage_part(assessment: Assessment, kb: KnowledgeBase) -> str:
    triage = assessment.triage
    lines = [f"**Triage: {triage.level.replace('_', ' ')}.** {triage.summary}"]
    for reason in triage.reasons:
        doubts = ", ".join(_label(kb, f) for f in reason.unsure)
        unsure = f' (answered "not sure": {doubts})' if doubts else ""
        findings = ", ".join(_label(kb, f) for f in reason.findings)
        lines.append(f"- {findings}{unsure}: {reason.explanation} [{reason.source}]")
    if triage.unanswered:
        asked = ", ".join(_label(kb, f) for f in triage.unanswered)
        lines.append(f"\n**Warning signs not yet asked:** {asked}.")
    return "\n".join(lines)


def _conditions_part(conditions: list[ConditionResult], kb: KnowledgeBase) -> str:
    if not conditions:
        return ""
    lines = ["**Leading causes** (probability; pretest; findings with likelihood ratios):"]
    for result in conditions[:LEADING_SHOWN]:
        present = [e for e in result.evidence if e.state == "present"]
        line = f"- {result.name}: {result.probability:.0%} (pretest {result.pretest:.0%}, "
        line += f"{result.pretest_source})"
        for word, chosen in (
            ("For", [e for e in present if e.likelihood_ratio > 1]),
            ("Against", [e for e in present if e.likelihood_ratio < 1]),
        ):
            if chosen:
                line += f". {word}: " + "; ".join(
                    f"{_label(kb, e.finding)} (LR {e.likelihood_ratio:.2g}, {e.source})"
                    for e in chosen[:3]
                )
        lines.append(line)
    return "\n".join(lines)


def _label(kb: KnowledgeBase, finding: str) -> str:
    """A finding atom, or a bare symptom id (as `unanswered` lists them), in plain words."""
    return atom_label(kb, finding if ":" in finding else f"symptom:{finding}")


def _provenance_part(assessment: Assessment, record: RecordCase) -> str:
    used = []
    if record.intake_authored:
        used.append(f"the triggermap intake of {record.intake_authored[:10]}")
    if record.rating_effective:
        used.append(f"the pain rating of {record.rating_effective[:10]}")
    origin = " and ".join(used) or "the chart"
    return (
        f"*From {origin}. Decision support, not a diagnosis. "
        f"Knowledge base {assessment.knowledge_version}.*"
    )


def _sources_part(assessment: Assessment, kb: KnowledgeBase) -> str:
    keys = [r.source for r in assessment.triage.reasons]
    keys += [c.pretest_source for c in assessment.conditions[:LEADING_SHOWN]]
    keys += [
        e.source
        for c in assessment.conditions[:LEADING_SHOWN]
        for e in c.evidence
        if e.state == "present"
    ][:6]
    lines = [
        f"- {key}: {kb.sources[key].citation}" for key in dict.fromkeys(keys) if key in kb.sources
    ]
    return "**Sources**\n" + "\n".join(lines) if lines else ""


def _page(assessment: Assessment, context: CardContext) -> tuple[str, str]:
    """(label, URL) of the knowledge page behind the card: the triage rule that set an urgent
    level, else the leading condition."""
    reason = _top_reason(assessment)
    if seeks_care_now(assessment.triage.level) and reason is not None:
        return reason.rule, f"{context.base_url}/kb/triage-rules/{reason.rule}"
    if assessment.conditions:
        leading = assessment.conditions[0]
        return leading.name, f"{context.base_url}/kb/conditions/{leading.id}"
    return "knowledge base", f"{context.base_url}/kb"


def _source(assessment: Assessment, kb: KnowledgeBase, context: CardContext) -> dict[str, Any]:
    _, url = _page(assessment, context)
    return {"label": f"triggermap knowledge base {kb.manifest.version}", "url": url}


def _links(
    assessment: Assessment, record: RecordCase, kb: KnowledgeBase, context: CardContext
) -> list[dict[str, Any]]:
    label, url = _page(assessment, context)
    case = json.dumps(record.case.to_json(), separators=(",", ":"))
    opened = f"{context.base_url}{OPEN_CASE_PATH}?case={url_quoted(case)}"
    links = [
        {"label": "Open this case in triggermap", "url": opened, "type": "absolute"},
        {"label": f"Read: {label} (triggermap)", "url": url, "type": "absolute"},
    ]
    if context.smart_launch_url:
        app_context = json.dumps({"case": record.case.to_json()}, separators=(",", ":"))
        links.insert(
            0,
            {
                "label": "Open this case in triggermap (SMART launch)",
                "url": context.smart_launch_url,
                "type": "smart",
                "appContext": app_context,
            },
        )
    return links


_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")
# "%" first, so no escape written is escaped again.
_RESERVED = [c for c in map(chr, range(128)) if c not in _UNRESERVED and c != "%"]
_ESCAPES = (("%", "%25"), *((c, f"%{ord(c):02X}") for c in _RESERVED))


def url_quoted(text: str) -> str:
    """`urllib.parse.quote(text, safe="")`, the same text: for ASCII (a case as JSON is) one
    replace per reserved character it holds, several times faster than quote's per-byte loop
    (which was a tenth of a CDS Hooks call's work)."""
    if not text.isascii():
        return quote(text, safe="")
    for char, escape in _ESCAPES:
        if char in text:
            text = text.replace(char, escape)
    return text
