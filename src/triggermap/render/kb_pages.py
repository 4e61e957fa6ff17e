"""Readable pages (Markdown) for knowledge-base entries, as `triggermap kb show` prints them.

A muscle page reads like a page of a clinical reference: anatomy, trigger points and their
referral zones, what provokes them, how to palpate, then self-care in plain words, then the
full references. Other kinds get pages of the same shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from triggermap.kb.schema import (
    Accuracy,
    Code,
    Condition,
    Muscle,
    Precaution,
    Source,
    Test,
    Treatment,
    TriageRule,
    dump,
    entry_title,
)
from triggermap.render.dose_words import describe_dose
from triggermap.render.labels import atom_label, expr_label
from triggermap.render.levels import review_advice

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

EVIDENCE_LABEL = {
    "verified": "verified against the primary source",
    "secondary": "from a secondary source",
    "expert_estimate": "expert estimate",
}


def render_page(kb: KnowledgeBase, kind: str, entry_id: str) -> str:
    entry = kb.kind(kind)[entry_id]
    if isinstance(entry, Muscle):
        return muscle_page(kb, entry)
    if isinstance(entry, Condition):
        return condition_page(kb, entry)
    if isinstance(entry, Test):
        return test_page(kb, entry)
    if isinstance(entry, Treatment):
        return treatment_page(kb, entry)
    if isinstance(entry, TriageRule):
        return triage_rule_page(kb, entry)
    if isinstance(entry, Source):
        return source_page(entry)
    return generic_page(kb, entry)


# ---------------------------------------------------------------- helpers


def region_names(kb: KnowledgeBase, ids: Iterable[str]) -> str:
    return ", ".join(kb.regions[i].label.lower() if i in kb.regions else i for i in ids)


def cite(keys: Iterable[str]) -> str:
    keys = list(dict.fromkeys(keys))
    return "[" + "; ".join(keys) + "]" if keys else ""


def _codes(codes: Iterable[Code | None]) -> list[str]:
    system = {"snomed": "SNOMED CT", "icd10cm": "ICD-10-CM", "loinc": "LOINC"}
    return [
        f"- {system[c.system]} {c.code} {c.display} (status {c.status}) {cite([c.source])}"
        for c in codes
        if c is not None
    ]


def _sources(kb: KnowledgeBase, keys: Iterable[str]) -> list[str]:
    lines = []
    for key in dict.fromkeys(keys):
        src = kb.sources.get(key)
        if src is not None:
            lines.append(f"- **{key}**: {src.citation}")
    return lines


def _accuracy(acc: Accuracy) -> str:
    parts = []
    if acc.sensitivity is not None and acc.specificity is not None:
        parts.append(f"Sn {acc.sensitivity:.2f}, Sp {acc.specificity:.2f}")
    pos, neg = acc.positive_lr, acc.negative_lr
    if pos is not None:
        parts.append(f"LR+ {pos:.2f}")
    if neg is not None:
        parts.append(f"LR- {neg:.2f}")
    label = EVIDENCE_LABEL[acc.evidence.value]
    return f"{'; '.join(parts)} ({label}) {cite([acc.source])}"


# ---------------------------------------------------------------- muscle


def muscle_page(kb: KnowledgeBase, m: Muscle) -> str:
    lines = [f"# {m.name}", f"*{m.plain_name}*", "", m.summary, "", "## Anatomy"]
    lines += [
        f"- **Where:** {m.location} ({m.depth})",
        *(f"- **{k.capitalize()}:** {v}" for k, v in m.attachments.items()),
        f"- **Actions:** {'; '.join(m.actions)}",
    ]
    if m.innervation:
        lines.append(f"- **Nerve supply:** {m.innervation}")
    lines += ["", "## Trigger points and where they send pain"]
    ref = m.referral
    for tp in ref.trigger_points:
        lines.append(
            f"- **{tp.name}** ({tp.location}): essential zone "
            f"{region_names(kb, tp.essential)}"
            + (f"; spillover {region_names(kb, tp.spillover)}" if tp.spillover else "")
        )
        if tp.note:
            lines.append(f"  - {tp.note}")
    lines.append(
        f"\nReferral maps are expert-derived guides for where to examine, not "
        f"diagnostic truth ({EVIDENCE_LABEL[ref.evidence.value]}) {cite([ref.source])}."
    )
    if ref.note:
        lines.append(ref.note)
    if m.symptoms:
        lines += ["", "## Typical symptoms"]
        lines += [f"- {kb.symptoms[s].label}" for s in m.symptoms if s in kb.symptoms]
    lines += _factor_section("What sets them off", m.activating_factors)
    lines += _factor_section("What keeps them going", m.perpetuating_factors)
    p = m.palpation
    lines += ["", "## Palpation (for clinicians)", f"- **Position:** {p.position}"]
    lines += [f"{i}. {step}" for i, step in enumerate(p.technique, 1)]
    lines += [
        f"- **A positive finding:** {p.findings}",
        f"- Evidence: {EVIDENCE_LABEL[p.evidence.value]} {cite([p.source])}",
    ]
    if p.note:
        lines.append(f"- {p.note}")
    lines += _self_care(kb, m)
    if m.mimics:
        lines += ["", "## Often mistaken for"]
        lines += [f"- {kb.conditions[c].name}" for c in m.mimics if c in kb.conditions]
    codes = _codes([m.snomed])
    if codes:
        lines += ["", "## Codes", *codes]
    keys = [*m.sources, ref.source, p.source, m.self_release.source]
    lines += ["", "## Sources", *_sources(kb, keys)]
    return "\n".join(lines)


def _factor_section(title: str, factors: list[Any]) -> list[str]:
    if not factors:
        return []
    return ["", f"## {title}", *(f"- {f.text}" for f in factors)]


def _self_care(kb: KnowledgeBase, m: Muscle) -> list[str]:
    sr = m.self_release
    tool = {
        "foam_roller": "a foam roller",
        "massage_ball": "a massage ball",
        "hands": "your hands",
    }[sr.tool]
    lines = ["", "## Self-care (for you)", f"**Self-release with {tool}.** {sr.how_to_find}"]
    lines += [f"{i}. {step}" for i, step in enumerate(sr.steps, 1)]
    treatment = kb.treatments.get(sr.treatment)
    if treatment is not None and treatment.dose is not None:
        dose = describe_dose(treatment.dose, treatment.kind)
        lines.append(f"\nDose: {dose} {cite([treatment.dose.source])}")
    for title, ids in (("Stretches", m.stretches), ("Strengthening", m.strengthening)):
        items = [kb.treatments[t] for t in ids if t in kb.treatments]
        if items:
            lines += ["", f"**{title}:**"]
            lines += [
                f"- {t.name}: {describe_dose(t.dose, t.kind)} "
                f"(`triggermap kb show treatments {t.id}`)"
                for t in items
            ]
    lines.append(
        "\nStop and see a clinician if pressure causes numbness or sharp or spreading pain. "
        + review_advice(kb)
    )
    return lines


# ---------------------------------------------------------------- condition, test, treatment


def condition_page(kb: KnowledgeBase, c: Condition) -> str:
    lines = [f"# {c.name}", f"*{c.plain_name}*", "", c.description, "", "## Key features"]
    lines += [f"- {f}" for f in c.key_features]
    pt = c.pretest
    lines += [
        "",
        "## Pretest probability",
        f"- {pt.probability:.3g} in {pt.population} "
        f"({EVIDENCE_LABEL[pt.evidence.value]}) {cite([pt.source])}",
    ]
    if pt.note:
        lines.append(f"  - {pt.note}")
    if c.suspected_pretest:
        sp = c.suspected_pretest
        lines.append(
            f"- {sp.probability:.3g} in {sp.population} (used when triage rule "
            f"{', '.join(sp.when_rules)} fires) {cite([sp.source])}"
        )
    for group in c.subgroup_pretests:
        lines.append(
            f"- {group.probability:.3g} in {group.population} (when "
            f"{expr_label(kb, group.when)}) {cite([group.source])}"
        )
    lines += ["", "## Findings and likelihood ratios"]
    lines += [f"- {atom_label(kb, f.finding)} (`{f.finding}`): {_accuracy(f)}" for f in c.findings]
    for test in kb.tests.values():
        for acc in test.accuracy:
            if acc.condition == c.id:
                lines.append(f"- test `{test.id}` ({test.name}): {_accuracy(acc)}")
    if c.regions.typical:
        lines += ["", f"**Typical pain regions:** {region_names(kb, c.regions.typical)}"]
    im = c.imaging
    lines += ["", "## Imaging", f"- {im.modality}: {im.when} {cite([im.source])}"]
    codes = _codes(c.codes)
    if codes:
        lines += ["", "## Codes", *codes]
    lines += ["", "## What to tell the patient", c.patient_summary]
    keys = [*c.sources, pt.source, *(f.source for f in c.findings), im.source]
    lines += ["", "## Sources", *_sources(kb, keys)]
    return "\n".join(lines)


def test_page(kb: KnowledgeBase, t: Test) -> str:
    lines = [f"# {t.name}", "", t.purpose]
    if t.steps:
        lines += ["", "## How to perform", *(f"{i}. {s}" for i, s in enumerate(t.steps, 1))]
    if t.rule is not None:
        lines += ["", "## Rule", expr_label(kb, t.rule)]
    lines += ["", "## Positive result", t.positive]
    if t.accuracy:
        lines += ["", "## Accuracy"]
        for acc in t.accuracy:
            name = kb.conditions[acc.condition].name if acc.condition in kb.conditions else ""
            lines.append(f"- for {name}: {_accuracy(acc)}")
            detail = "; ".join(
                x
                for x in (
                    f"reference standard: {acc.reference_standard}"
                    if acc.reference_standard
                    else "",
                    f"study: {acc.study}" if acc.study else "",
                    f"n={acc.n}" if acc.n else "",
                    acc.note or "",
                )
                if x
            )
            if detail:
                lines.append(f"  - {detail}")
    if t.reliability:
        lines += ["", "## Reliability", t.reliability]
    keys = [*t.sources, *(a.source for a in t.accuracy)]
    lines += ["", "## Sources", *_sources(kb, keys)]
    return "\n".join(lines)


def treatment_page(kb: KnowledgeBase, t: Treatment) -> str:
    lines = [f"# {t.name}", f"*{t.kind.replace('_', ' ')}, {t.phase} phase*", "", t.plain]
    if t.steps:
        lines += ["", "## Steps", *(f"{i}. {s}" for i, s in enumerate(t.steps, 1))]
    if t.dose is not None:
        lines += ["", "## Dose", f"{describe_dose(t.dose, t.kind)} {cite([t.dose.source])}"]
        if t.dose.note:
            lines.append(t.dose.note)
    if t.progression:
        lines += ["", "## Progression", f"{t.progression} {cite(t.progression_sources)}"]
    if t.precautions:
        lines += ["", "## Contraindications and precautions"]
        lines += [f"- {_precaution(kb, p)} {cite([p.source])}" for p in t.precautions]
    if t.demands:
        lines += ["", f"**Asks of the body:** {', '.join(d.replace('_', ' ') for d in t.demands)}"]
        lines += [
            f"- not relevant for {k.replace('_', ' ')}: {v}" for k, v in t.not_relevant.items()
        ]
    who = ", ".join(d.replace("_", " ") for d in t.delivered_by)
    lines += ["", f"**Delivered by:** {who}"]
    if t.equipment:
        lines.append(f"**Equipment:** {', '.join(t.equipment)}")
    lines += _picture_lines(kb, t.id)
    keys = [
        *t.sources,
        *([t.dose.source] if t.dose else []),
        *t.progression_sources,
        *(p.source for p in t.precautions),
    ]
    lines += ["", "## Sources", *_sources(kb, keys)]
    return "\n".join(lines)


def _picture_lines(kb: KnowledgeBase, treatment_id: str) -> list[str]:
    """Where the treatment's picture is, and how to draw it."""
    illustration = kb.illustrations.get(treatment_id)
    if illustration is None:
        return []
    origin = kb.origins.get(("illustrations", treatment_id), f"illustrations/{treatment_id}.yaml")
    return [
        "",
        "## Picture",
        f"{illustration.title}: {illustration.alt}",
        "",
        f"Pose data: `triggermap/knowledge/{origin}`. Draw it with "
        f"`triggermap kb illustration {treatment_id} -o {treatment_id}.svg` (or `.png`).",
    ]


def _precaution(kb: KnowledgeBase, p: Precaution) -> str:
    """'**contraindication** (`history:pregnancy`; instead: ...): text' and the like."""
    when = [f"`{p.finding}`"] if p.finding else ["everyone"]
    if p.muscles:
        when.append("when treating " + ", ".join(p.muscles))
    if p.instead:
        when.append(f"instead: {kb.treatments[p.instead].name}")
    return f"**{p.severity}** ({'; '.join(when)}): {p.text}"


def triage_rule_page(kb: KnowledgeBase, r: TriageRule) -> str:
    lines = [
        f"# Triage rule {r.id}",
        f"**Level:** {r.level}",
        "",
        r.reason,
        "",
        "## Fires when",
        expr_label(kb, r.when),
    ]
    if r.action:
        lines += ["", "## What to do", r.action]
    lines += ["", "## Source", *_sources(kb, [r.source])]
    return "\n".join(lines)


def generic_page(kb: KnowledgeBase, entry: Any) -> str:
    data = dump(entry)
    lines = [f"# {entry_title(entry)}", ""]
    for key, value in data.items():
        if key in ("id",):
            continue
        expr = getattr(entry, key, None) if key in ("when", "rule") else None
        shown = expr_label(kb, expr) if expr is not None else _plain(value)
        lines.append(f"- **{key.replace('_', ' ')}:** {shown}")
    keys = [v for k, v in data.items() if k == "source"] + list(data.get("sources", []))
    if keys:
        lines += ["", "## Sources", *_sources(kb, keys)]
    return "\n".join(lines)


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)


def source_page(s: Source) -> str:
    lines = [f"# {s.id}", "", s.citation, ""]
    if s.url:
        lines.append(f"- **Where:** {s.url}")
    lines.append(f"- **Kind:** {s.kind.replace('_', ' ')}")
    lines.append(f"- **Evidence:** {EVIDENCE_LABEL[s.evidence.value]}")
    if s.note:
        lines.append(f"- **Note:** {s.note}")
    return "\n".join(lines)


def render_source(kb: KnowledgeBase, key: str) -> str:
    s = kb.sources[key]
    lines = [f"{key}", f"  {s.citation}"]
    if s.url:
        lines.append(f"  {s.url}")
    lines.append(
        f"  kind: {s.kind.replace('_', ' ')}; evidence: {EVIDENCE_LABEL[s.evidence.value]}"
    )
    if s.note:
        lines.append(f"  note: {s.note}")
    return "\n".join(lines)
