"""Compile the validated knowledge base into a `Program` of plain values (reasoning.program).

Everything the compiled engine computes from the knowledge base alone is computed here, once:
expressions as tuples, likelihood ratios with their evidence items and log values, the muscles'
referral sums, the clusters' strata and shares, must-be-ruled-out thresholds. The functions of
the readable form that are about the knowledge base (not a case) are reused, so both forms start
from the same numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from triggermap.kb.schema import AllExpr, AnyExpr, AtLeastExpr, Expr, FindingLR
from triggermap.reasoning.assessment import EvidenceItem, ImagingReason, MuscleEvidence, shown_ratio
from triggermap.reasoning.case import case_vocabulary
from triggermap.reasoning.clusters import Cluster, strata_of
from triggermap.reasoning.differential import condition_models, flatten_atoms
from triggermap.reasoning.must_exclude import screening_index
from triggermap.reasoning.program import (
    ClusterSpec,
    ConditionSpec,
    FindingSpec,
    ImagingSpec,
    KeySpec,
    MuscleSpec,
    PriorSpec,
    Program,
    RuleSpec,
    Spec,
    TestSpec,
)
from triggermap.reasoning.referral import muscle_patterns, zone_logs
from triggermap.reasoning.regional import NO_TYPICAL_REGION, feature_regions, key_regions
from triggermap.reasoning.triage import SAME_DAY_SUMMARY, SUMMARY

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Accuracy, Condition, Pretest, TestAccuracy
    from triggermap.reasoning.differential import ConditionModel


def compile_program(kb: KnowledgeBase) -> Program:
    from triggermap.reasoning.next_tests import sensitivity_specificity

    models = condition_models(kb)
    regional = kb.model.differential.regional
    away = regional.no_typical_region
    outside = regional.outside_typical
    muscle_model = kb.model.muscles
    import math

    prior = muscle_model.prior.value
    return Program(
        version=kb.version,
        vocabulary=case_vocabulary(kb),
        red_flags=frozenset(s for s, e in kb.symptoms.items() if e.red_flag),
        red_flags_sorted=tuple(sorted(s for s, e in kb.symptoms.items() if e.red_flag)),
        symptom_labels={s: e.label.lower() for s, e in kb.symptoms.items()},
        features={f.id: _feature(f) for f in kb.features.values()},
        tests={t.id: _test(t) for t in kb.tests.values()},
        rules=tuple(_rule(kb, r) for r in kb.triage_rules.values()),
        summaries={**SUMMARY, "same_day": SAME_DAY_SUMMARY},
        same_day=frozenset(
            r.id
            for r in kb.triage_rules.values()
            if r.timeframe == "same_day" and r.level == "urgent"
        ),
        conditions=tuple(_condition(kb, m) for m in sorted(models, key=lambda m: m.condition.id)),
        general_pretest={c.id: c.pretest.probability for c in kb.conditions.values()},
        away=_item(
            NO_TYPICAL_REGION, "present", away.value, away.source, away.evidence.value, away.note
        ),
        outside=(outside.value, outside.source, outside.evidence.value, outside.note),
        implied=tuple(
            (i.finding, i.region, feature_regions(kb, i.reaches)) for i in regional.implied
        ),
        raised_ratio=kb.model.differential.must_exclude.raised_ratio.value,
        raised_floor=kb.model.differential.must_exclude.raised_floor.value,
        raised_at={
            c.id: max(
                kb.model.differential.must_exclude.raised_ratio.value * c.pretest.probability,
                kb.model.differential.must_exclude.raised_floor.value,
            )
            for c in kb.conditions.values()
            if c.serious
        },
        screening=screening_index(kb).questions,
        imaging=tuple(_imaging(r) for r in kb.imaging_rules.values()),
        muscles=_muscles(kb),
        muscle_prior_log_odds=math.log(prior / (1 - prior)),
        combination_floor=muscle_model.combination_floor.value,
        next_tests=tuple(
            TestSpec(
                t.id,
                f"test:{t.id}",
                t.name,
                tuple(
                    _test_row(a.condition, rates, a.positive_lr or 1.0, a.negative_lr or 1.0)
                    for a in t.accuracy
                    if (rates := sensitivity_specificity(a)) is not None
                ),
            )
            for t in kb.tests.values()
            if t.type != "cluster"
        ),
        test_conditions=tuple(
            sorted(
                {a.condition for t in kb.tests.values() if t.type != "cluster" for a in t.accuracy}
            )
        ),
        condition_names={c.id: c.name for c in kb.conditions.values()},
    )


# ---------------------------------------------------------------- expressions and features


def expr_spec(expr: Expr) -> Spec:
    if isinstance(expr, str):
        return ("atom", expr)
    if isinstance(expr, AllExpr):
        return ("all", tuple(expr_spec(e) for e in expr.all))
    if isinstance(expr, AnyExpr):
        return ("any", tuple(expr_spec(e) for e in expr.any))
    assert isinstance(expr, AtLeastExpr)
    return ("at_least", expr.at_least, tuple(expr_spec(e) for e in expr.of))


def _feature(feature: Any) -> Spec:
    if feature.compare is not None:
        c = feature.compare
        value = tuple(c.value) if isinstance(c.value, list) else c.value
        return ("compare", c.field, c.op, value)
    if feature.regions_any is not None:
        return ("regions_any", frozenset(feature.regions_any))
    if feature.when is not None:
        return ("when", expr_spec(feature.when))
    if feature.palpation_criteria is not None:
        p = feature.palpation_criteria
        return ("palpation", tuple(p.all_of), p.at_least or len(p.all_of))
    if feature.leading_condition is not None:
        lc = feature.leading_condition
        return ("leading", frozenset(lc.not_in), lc.min_probability, lc.below)
    cp = feature.condition_probability
    return ("probability", cp.condition, cp.min_probability)


def _test(test: Any) -> tuple[Spec | None, int]:
    return (None if test.rule is None else expr_spec(test.rule), test.missing_items)


def _rule(kb: KnowledgeBase, rule: Any) -> RuleSpec:
    reads = _reads_differential(kb, flatten_atoms(kb, _atoms(rule.when)))
    return RuleSpec(
        rule.id,
        rule.level,
        expr_spec(rule.when),
        rule.reason,
        rule.source,
        rule.action,
        tuple(rule.suspects),
        reads,
    )


def _atoms(expr: Expr) -> list[str]:
    from triggermap.kb.schema import expr_atoms

    return expr_atoms(expr)


def _reads_differential(kb: KnowledgeBase, atoms: frozenset[str]) -> bool:
    for atom in atoms:
        prefix, _, target = atom.partition(":")
        if prefix == "feature":
            f = kb.features[target]
            if f.leading_condition is not None or f.condition_probability is not None:
                return True
    return False


def _imaging(rule: Any) -> ImagingSpec:
    return ImagingSpec(
        rule.id,
        expr_spec(rule.when),
        rule.recommended,
        rule.modality,
        rule.urgency,
        rule.priority,
        ImagingReason(
            rule=rule.id,
            recommended=rule.recommended,
            modality=rule.modality,
            reason=rule.reason,
            source=rule.source,
        ),
    )


# ---------------------------------------------------------------- conditions


def _item(
    finding: str, state: str, lr: float, source: str, evidence: str, note: str | None
) -> EvidenceItem:
    return EvidenceItem(
        finding=finding,
        state="present" if state == "present" else ("absent" if state == "absent" else "partial"),
        likelihood_ratio=shown_ratio(lr),
        source=source,
        evidence=evidence,
        note=note,
    )


def _finding(atom: str, accuracy: Accuracy) -> FindingSpec:
    pos, neg = accuracy.positive_lr, accuracy.negative_lr
    ev = accuracy.evidence.value
    present = (
        None
        if pos is None or pos == 1.0
        else _item(atom, "present", pos, accuracy.source, ev, accuracy.note)
    )
    absent = (
        None
        if neg is None or neg == 1.0
        else _item(atom, "absent", neg, accuracy.source, ev, accuracy.note)
    )
    within = isinstance(accuracy, FindingLR) and accuracy.within_suspected
    return FindingSpec(atom, pos, neg, present, absent, accuracy.demographic, within)


def _prior(p: Pretest, **extra: Any) -> PriorSpec:
    from triggermap.reasoning.differential import log_odds

    return PriorSpec(p.probability, p.source, p.population, log_odds(p.probability), **extra)


def _condition(kb: KnowledgeBase, model: ConditionModel) -> ConditionSpec:
    c: Condition = model.condition
    suspected = None
    if c.suspected_pretest is not None:
        suspected = _prior(c.suspected_pretest, rules=tuple(c.suspected_pretest.when_rules))
    subgroups = tuple(
        _prior(g, when=expr_spec(g.when), conditioned=model.subgroup_atoms[g.population])
        for g in c.subgroup_pretests
    )
    keys = tuple(
        KeySpec(
            key_regions(kb, k),
            k.lr_positive,
            None
            if k.lr_positive == 1.0
            else _item(k.finding, "present", k.lr_positive, k.source, k.evidence.value, k.note),
            None
            if k.lr_negative == 1.0
            else _item(k.finding, "absent", k.lr_negative, k.source, k.evidence.value, k.note),
        )
        for k in c.regions.key
    )
    clusters = tuple(_cluster(cl, c.id, model) for cl in model.clusters)
    return ConditionSpec(
        id=c.id,
        name=c.name,
        serious=c.serious,
        general=_prior(c.pretest),
        suspected=suspected,
        subgroups=subgroups,
        typical=frozenset(c.regions.typical),
        core=frozenset(c.regions.core_regions),
        keys=keys,
        clusters=clusters,
        consumed=frozenset().union(*(cl.members for cl in model.clusters)),
        findings=tuple(_finding(f.atom, f.accuracy) for f in model.findings),
        defining=model.defining,
        defining_regions=model.defining_regions,
    )


def _cluster(cluster: Cluster, condition: str, model: ConditionModel) -> ClusterSpec:
    from triggermap.reasoning.clusters import _shares

    accuracy: TestAccuracy | None = cluster.accuracy_for(condition)
    assert accuracy is not None
    counting = bool(cluster.items)
    strata = (
        tuple((s.at_least, s.at_most, s.likelihood_ratio) for s in strata_of(cluster, accuracy))
        if counting
        else ()
    )
    share_for, share_against = _shares(cluster, accuracy) if counting else (1.0, 1.0)
    return ClusterSpec(
        atom=cluster.atom,
        test_id=cluster.test.id,
        members=cluster.members,
        items=tuple((expr_spec(item), atoms) for item, atoms in cluster.items),
        missing=cluster.test.missing_items,
        rule=None if counting or cluster.test.rule is None else expr_spec(cluster.test.rule),
        positive=accuracy.positive_lr or 1.0,
        negative=accuracy.negative_lr or 1.0,
        strata=strata,
        share_for=share_for,
        share_against=share_against,
        source=accuracy.source,
        evidence=accuracy.evidence.value,
        note=accuracy.note,
        applies_when=None
        if cluster.test.applies_when is None
        else expr_spec(cluster.test.applies_when),
        demographic=cluster.demographic,
    )


# ---------------------------------------------------------------- muscles


def _muscles(kb: KnowledgeBase) -> tuple[MuscleSpec, ...]:
    params = kb.model.muscles
    logs = zone_logs(params)
    n = len(kb.regions)
    out = []
    for pattern in sorted(muscle_patterns(kb), key=lambda p: p.muscle.id):
        zones = []
        for essential, spill in pattern.zones:
            n_other = n - len(essential) - len(spill)
            base = (
                len(essential) * logs[(False, "e")]
                + len(spill) * logs[(False, "s")]
                + n_other * logs[(False, "o")]
            )
            delta = {}
            for region in kb.regions:
                zone = "e" if region in essential else ("s" if region in spill else "o")
                delta[region] = logs[(True, zone)] - logs[(False, zone)]
            zones.append((base, delta))
        muscle = pattern.muscle
        s = params.linked_symptom
        symptoms = tuple(
            (
                sid,
                MuscleEvidence(f"symptom:{sid}", s.lr_positive, s.source),
                MuscleEvidence(f"symptom:{sid} (denied)", s.lr_negative, s.source),
                _log(s.lr_positive),
                _log(s.lr_negative),
            )
            for sid in muscle.symptoms
        )
        h = params.linked_history
        history = tuple(
            (item, MuscleEvidence(f"history:{item}", h.lr_positive, h.source), _log(h.lr_positive))
            for item in sorted(pattern.history)
        )
        palpation: dict[str, tuple[MuscleEvidence, MuscleEvidence, float, float]] = {
            finding: (
                MuscleEvidence(f"palpation:{muscle.id}.{finding}", r.lr_positive, r.source),
                MuscleEvidence(
                    f"palpation:{muscle.id}.{finding} (absent)", r.lr_negative, r.source
                ),
                _log(r.lr_positive),
                _log(r.lr_negative),
            )
            for finding, r in params.palpation.items()
        }
        out.append(
            MuscleSpec(
                muscle.id,
                muscle.name,
                tuple(zones),
                pattern.covered,
                symptoms,
                history,
                palpation,
                muscle.referral.source,
                frozenset(muscle.symptoms),
                frozenset(pattern.history),
            )
        )
    return tuple(out)


def _test_row(
    condition: str, rates: tuple[float, float], pos: float, neg: float
) -> tuple[str, float, float, float, float, float, float]:
    from triggermap.reasoning.next_tests import _entropy

    sn, sp = rates
    return condition, sn, sp, pos, neg, _entropy(sn), _entropy(sp)


def _log(x: float) -> float:
    import math

    return math.log(x)
