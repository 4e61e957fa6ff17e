"""Differential: which condition explains the pain, as a normalised distribution (ADR 0001).

The readable form of the model; `reasoning.compiled` computes the same numbers fast, and a test
holds the two identical on every scenario.

1. **Each condition's odds.** prior odds x the likelihood ratios of the case's findings, as if
   the condition were a yes/no question: a present finding contributes LR+, an absent one LR-,
   an unknown one nothing ("not sure" is unknown here).
2. **The prior** is the pretest probability in the population triggermap serves, a subgroup's
   prevalence when the case belongs to it, or a referral population's once a triage rule that
   defines that population fired on the facts (not on a "not sure"); the findings that placed
   the person in a subgroup or population do not enter again. A referral population's figure
   is that condition's share of all explanations there, and is anchored as such
   (`prior_log_odds`).
3. **The pain drawing** (a complete list of where it hurts) is evidence for each condition: a
   drawing that spares all of its core regions counts against it, so does each painful region
   outside its typical regions, and its key regions carry their own ratios (`regional_evidence`).
4. **Clusters** count at their published strength: once decided they speak for their member
   findings; while undecided the members count one by one, bounded by the cluster's range
   (`clusters`).
5. **Demographics** (age, sex) shift a condition only downwards until one of its defining
   findings is present: age alone never makes a diagnosis lead.
6. **Normalised.** The conditions and "none of these" compete to explain the pain: a condition's
   probability is its odds over 1 + the sum of every condition's odds. With one plausible
   condition this is its yes/no posterior; when another explains the findings better, it falls.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from triggermap.kb.schema import (
    FindingLR,
    Pretest,
    SubgroupPretest,
    SuspectedPretest,
    expr_atoms,
)
from triggermap.reasoning.assessment import ConditionResult, EvidenceItem
from triggermap.reasoning.clusters import Cluster, cluster_evidence, cluster_models
from triggermap.reasoning.regional import key_regions, regional_evidence

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Accuracy, Condition
    from triggermap.reasoning.findings import CaseFacts

PROBABILITY_FLOOR = 1e-6


@dataclass(frozen=True)
class Finding:
    """One finding's accuracy for one condition."""

    atom: str
    accuracy: Accuracy


@dataclass(frozen=True)
class ConditionModel:
    condition: Condition
    findings: tuple[Finding, ...]  # its own findings and single tests, not clusters
    clusters: tuple[Cluster, ...]  # best-evidenced first
    subgroup_atoms: dict[str, frozenset[str]]  # subgroup population -> atoms its `when` reads
    defining: tuple[str, ...]  # atoms of its defining findings and clusters
    defining_regions: tuple[frozenset[str], ...]  # its defining key regions


@dataclass(frozen=True)
class Differential:
    conditions: list[ConditionResult]  # most probable first
    none_of_these: float  # the probability that none of the conditions explains the pain


def condition_models(kb: KnowledgeBase) -> tuple[ConditionModel, ...]:
    """Each condition with its findings: its own list plus every test's accuracy for it."""
    clusters = cluster_models(kb)
    out = []
    for condition in kb.conditions.values():
        findings = [Finding(f.finding, f) for f in condition.findings]
        findings += [
            Finding(f"test:{t.id}", a)
            for t in kb.tests.values()
            if t.rule is None
            for a in t.accuracy
            if a.condition == condition.id
        ]
        own = tuple(c for c in clusters if c.accuracy_for(condition.id) is not None)
        defining = [f.atom for f in findings if f.accuracy.defining]
        defining += [c.atom for c in own if c.accuracy_for(condition.id).defining]  # type: ignore[union-attr]
        subgroups = {
            g.population: flatten_atoms(kb, expr_atoms(g.when)) for g in condition.subgroup_pretests
        }
        regions = tuple(key_regions(kb, k) for k in condition.regions.key if k.defining)
        out.append(
            ConditionModel(condition, tuple(findings), own, subgroups, tuple(defining), regions)
        )
    return tuple(out)


def flatten_atoms(kb: KnowledgeBase, atoms: list[str]) -> frozenset[str]:
    """Atoms plus, for derived features defined by an expression, the atoms inside them."""
    out: set[str] = set()
    stack = list(atoms)
    while stack:
        atom = stack.pop()
        if atom in out:
            continue
        out.add(atom)
        prefix, _, target = atom.partition(":")
        feature = kb.features.get(target) if prefix == "feature" else None
        if feature is not None and feature.when is not None:
            stack.extend(expr_atoms(feature.when))
    return frozenset(out)


def prior_for(facts: CaseFacts, model: ConditionModel, fired: frozenset[str]) -> Pretest:
    """The referral-population prior once one of its rules fired; else the first subgroup
    the case belongs to; else the general pretest."""
    suspected = model.condition.suspected_pretest
    if suspected is not None and fired.intersection(suspected.when_rules):
        return suspected
    for subgroup in model.condition.subgroup_pretests:
        if facts.expr(subgroup.when) is True:
            return subgroup
    return model.condition.pretest


def log_odds(probability: float) -> float:
    p = min(max(probability, PROBABILITY_FLOOR), 1 - PROBABILITY_FLOOR)
    return math.log(p / (1 - p))


def posterior(prior: float, likelihood_ratios: list[float]) -> float:
    """Bayes in odds form for one yes/no question, kept strictly inside (0, 1)."""
    total = log_odds(prior) + sum(math.log(lr) for lr in likelihood_ratios)
    return 1.0 / (1.0 + math.exp(-total))


def rank_conditions(
    facts: CaseFacts,
    kb: KnowledgeBase,
    models: tuple[ConditionModel, ...],
    fired: frozenset[str],
    population_atoms: dict[str, frozenset[str]],
) -> Differential:
    """The normalised differential, most probable first (ties by id)."""
    scored = [_score(facts, kb, m, fired, population_atoms) for m in models]
    priors = prior_log_odds([prior for prior, _, _ in scored])
    weights = [math.exp(p + evidence) for p, (_, _, evidence) in zip(priors, scored, strict=True)]
    total = 1.0 + sum(weights)
    results = [
        _result(model, prior, items, weight / total)
        for model, (prior, items, _), weight in zip(models, scored, weights, strict=True)
    ]
    results.sort(key=lambda r: (-r.probability, r.id))
    return Differential(results, round(1.0 / total, 4))


def prior_log_odds(priors: list[Pretest]) -> list[float]:
    """Each condition's prior weight (log odds against "none of these").

    A general or subgroup prior is the condition's own prior odds. A referral-population prior
    is the share that condition had among all explanations in that population (18% of people
    imaged for suspected cauda equina had it, and 82% something else), so it is anchored as a
    share: odds s / (1 - S) times the total weight of the other explanations, where S is the sum
    of the anchored shares. With no anchored condition this is just each prior's odds.
    """
    anchored = [isinstance(p, SuspectedPretest) for p in priors]
    free = 1.0 + sum(
        math.exp(log_odds(p.probability)) for p, a in zip(priors, anchored, strict=True) if not a
    )
    share = sum(p.probability for p, a in zip(priors, anchored, strict=True) if a)
    return [
        math.log(p.probability / (1.0 - share) * free) if a else log_odds(p.probability)
        for p, a in zip(priors, anchored, strict=True)
    ]


def _score(
    facts: CaseFacts,
    kb: KnowledgeBase,
    model: ConditionModel,
    fired: frozenset[str],
    population_atoms: dict[str, frozenset[str]],
) -> tuple[Pretest, list[EvidenceItem], float]:
    """The prior used, the evidence, and the sum of the evidence's log likelihood ratios."""
    prior = prior_for(facts, model, fired)
    conditioned: frozenset[str] = frozenset()
    if isinstance(prior, SubgroupPretest):
        conditioned = model.subgroup_atoms[prior.population]
    elif isinstance(prior, SuspectedPretest):
        conditioned = frozenset().union(
            *(population_atoms.get(r, frozenset()) for r in prior.when_rules if r in fired)
        )
    evidence = applied_evidence(facts, kb, model, conditioned)
    total = 0.0
    for item in evidence:
        total += math.log(item.likelihood_ratio)
    return prior, evidence, total


def _result(
    model: ConditionModel, prior: Pretest, evidence: list[EvidenceItem], probability: float
) -> ConditionResult:
    return ConditionResult(
        id=model.condition.id,
        name=model.condition.name,
        probability=round(probability, 4),
        pretest=prior.probability,
        pretest_source=prior.source,
        pretest_population=prior.population,
        evidence=evidence,
        serious=model.condition.serious,
    )


def applied_evidence(
    facts: CaseFacts,
    kb: KnowledgeBase,
    model: ConditionModel,
    conditioned: frozenset[str] = frozenset(),
) -> list[EvidenceItem]:
    """The findings of this case that change this condition's odds, with their LRs, in order:
    the drawing, the clusters, then the condition's own findings."""
    items = regional_evidence(facts, kb, model.condition)
    defining_present = has_defining_finding(facts, model)
    clustered, consumed = cluster_evidence(
        facts, model.clusters, model.condition.id, model.findings, gate=not defining_present
    )
    items += clustered
    for finding in model.findings:
        if finding.atom in consumed:
            continue
        if finding.atom in conditioned and not _within(finding):
            continue
        item = finding_evidence(facts, finding.atom, finding.accuracy)
        if item is None:
            continue
        if finding.accuracy.demographic and item.likelihood_ratio > 1 and not defining_present:
            continue  # a demographic shift raises a condition only beside a defining finding
        items.append(item)
    return items


def has_defining_finding(facts: CaseFacts, model: ConditionModel) -> bool:
    """Is one of the condition's defining findings, clusters or key regions present? Until one
    is, demographics (single findings and a cluster's age or sex items) only lower it."""
    return any(facts.atom(a) is True for a in model.defining) or any(
        facts.regions.intersection(regions) for regions in model.defining_regions
    )


def finding_evidence(facts: CaseFacts, atom: str, accuracy: Accuracy) -> EvidenceItem | None:
    """The evidence item of one finding in this case, or None when it does not count."""
    state = facts.atom(atom)
    if state is None:
        return None
    lr = accuracy.positive_lr if state else accuracy.negative_lr
    if lr is None or lr == 1.0:
        return None
    return EvidenceItem(
        finding=atom,
        state="present" if state else "absent",
        likelihood_ratio=round(lr, 4),
        source=accuracy.source,
        evidence=accuracy.evidence.value,
        note=accuracy.note,
    )


def _within(finding: Finding) -> bool:
    return isinstance(finding.accuracy, FindingLR) and finding.accuracy.within_suspected
