"""Differential: each condition's probability from its pretest odds and likelihood ratios.

The model (ADR 0001):
- Each condition is a separate yes/no question (conditions are not mutually exclusive):
  posterior odds = prior odds x product of the likelihood ratios of its findings.
- A present finding contributes LR+, an absent one LR-, an unknown one nothing. "Not sure"
  is unknown here (it counts as present only for triage).
- Findings are assumed conditionally independent given the condition. Where they are known to
  be correlated a cluster test (Laslett, Sutlive, ACR hip) stands in for its members: once the
  cluster is decided, its member tests do not enter again for the conditions it has accuracy for.
- The prior is the condition's pretest probability in the population triggermap serves, or,
  once a triage rule places the person in a referral population (`suspected_pretest`), the
  prevalence in that population; the findings that defined the population then do not enter
  a second time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from triggermap.kb.schema import (
    Accuracy,
    FindingLR,
    Pretest,
    SubgroupPretest,
    SuspectedPretest,
    expr_atoms,
)
from triggermap.reasoning.assessment import ConditionResult, EvidenceItem

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Condition
    from triggermap.reasoning.findings import CaseFacts

PROBABILITY_FLOOR = 1e-6


@dataclass(frozen=True)
class Finding:
    """One finding's accuracy for one condition, with the tests a cluster stands in for."""

    atom: str
    accuracy: Accuracy
    replaces: frozenset[str]  # member atoms this finding replaces once decided (clusters)


@dataclass(frozen=True)
class ConditionModel:
    condition: Condition
    findings: tuple[Finding, ...]
    subgroup_atoms: dict[str, frozenset[str]]  # subgroup population -> atoms its `when` reads


def condition_models(kb: KnowledgeBase) -> tuple[ConditionModel, ...]:
    """Each condition with its findings: its own list plus every test's accuracy for it."""
    by_condition: dict[str, list[Finding]] = {c: [] for c in kb.conditions}
    for condition in kb.conditions.values():
        by_condition[condition.id] += [
            Finding(f.finding, f, frozenset()) for f in condition.findings
        ]
    for test in kb.tests.values():
        members = (
            frozenset(_flatten(kb, expr_atoms(test.rule))) if test.rule is not None else frozenset()
        )
        for acc in test.accuracy:
            by_condition[acc.condition].append(Finding(f"test:{test.id}", acc, members))
    return tuple(
        ConditionModel(
            kb.conditions[c],
            tuple(f),
            {
                g.population: frozenset(_flatten(kb, expr_atoms(g.when)))
                for g in kb.conditions[c].subgroup_pretests
            },
        )
        for c, f in by_condition.items()
    )


def _flatten(kb: KnowledgeBase, atoms: list[str]) -> set[str]:
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
    return out


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


def posterior(prior: float, likelihood_ratios: list[float]) -> float:
    """Bayes in odds form, kept strictly inside (0, 1)."""
    prior = min(max(prior, PROBABILITY_FLOOR), 1 - PROBABILITY_FLOOR)
    log_odds = math.log(prior / (1 - prior)) + sum(math.log(lr) for lr in likelihood_ratios)
    return 1.0 / (1.0 + math.exp(-log_odds))


def rank_conditions(
    facts: CaseFacts,
    models: tuple[ConditionModel, ...],
    fired: frozenset[str],
    population_atoms: dict[str, frozenset[str]],
    flagged: dict[str, int] | None = None,
) -> list[ConditionResult]:
    """Conditions by probability, except that those a warning sign points to come first.

    `flagged` maps the conditions suspected by an emergency or urgent rule that fired to that
    rule's rank (2 emergency, 1 urgent): a red flag is never ranked below a benign explanation
    that merely has a larger prior, and an emergency's suspect comes before an urgent one's
    (ADR 0002). Each probability is still its own and is reported unchanged.
    """
    flagged = flagged or {}
    results = [_assess(facts, m, fired, population_atoms) for m in models]
    results = [r.model_copy(update={"flagged": True}) if r.id in flagged else r for r in results]
    results.sort(key=lambda r: (-flagged.get(r.id, 0), -r.probability, r.id))
    return results


def _assess(
    facts: CaseFacts,
    model: ConditionModel,
    fired: frozenset[str],
    population_atoms: dict[str, frozenset[str]],
) -> ConditionResult:
    prior = prior_for(facts, model, fired)
    conditioned: frozenset[str] = frozenset()
    if isinstance(prior, SubgroupPretest):
        conditioned = model.subgroup_atoms[prior.population]
    elif isinstance(prior, SuspectedPretest):
        conditioned = frozenset().union(
            *(population_atoms.get(r, frozenset()) for r in prior.when_rules if r in fired)
        )
    evidence = applied_evidence(facts, model, conditioned)
    probability = posterior(prior.probability, [e.likelihood_ratio for e in evidence])
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
    facts: CaseFacts, model: ConditionModel, conditioned: frozenset[str] = frozenset()
) -> list[EvidenceItem]:
    """The findings of this case that change this condition's odds, with their LRs."""
    used_cluster, replaced = decided_cluster(facts, model)
    items = []
    for finding in model.findings:
        if finding.replaces and finding is not used_cluster:
            continue  # an undecided cluster, or a second decided one: members speak instead
        if finding.atom in replaced or (finding.atom in conditioned and not _within(finding)):
            continue
        state = facts.atom(finding.atom)
        if state is None:
            continue
        lr = finding.accuracy.positive_lr if state else finding.accuracy.negative_lr
        if lr is None or lr == 1.0:
            continue
        items.append(
            EvidenceItem(
                finding=finding.atom,
                state="present" if state else "absent",
                likelihood_ratio=round(lr, 4),
                source=finding.accuracy.source,
                evidence=finding.accuracy.evidence.value,
                note=finding.accuracy.note,
            )
        )
    return items


def _within(finding: Finding) -> bool:
    return isinstance(finding.accuracy, FindingLR) and finding.accuracy.within_suspected


EVIDENCE_RANK = {"verified": 0, "secondary": 1, "expert_estimate": 2}


def decided_cluster(
    facts: CaseFacts, model: ConditionModel
) -> tuple[Finding | None, frozenset[str]]:
    """The one decided cluster that speaks for this condition, and every atom it stands for.

    Clusters overlap (Sutlive and the ACR criteria share internal rotation), so at most one
    enters: the best-evidenced decided cluster, ties broken by id. Every atom of every decided
    cluster's rule is then left out, so no correlated member enters beside it.
    """
    decided = [f for f in model.findings if f.replaces and facts.atom(f.atom) is not None]
    if not decided:
        return None, frozenset()
    decided.sort(key=lambda f: (EVIDENCE_RANK[f.accuracy.evidence.value], f.atom))
    return decided[0], frozenset().union(*(f.replaces for f in decided))
