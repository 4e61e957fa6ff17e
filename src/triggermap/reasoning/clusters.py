"""Clusters: combinations of findings with their own published accuracy (ADR 0001).

Findings of one syndrome are correlated (bilateral leg pain, pain on standing and relief on
sitting are facets of neurogenic claudication), so multiplying their single ratios overstates
the evidence. A cluster with published accuracy bounds them:

- **Decided** (its result is certain whatever the unknown items turn out to be): the cluster's
  ratio, or its stratum's ratio for a counting cluster with stratum-specific ratios, speaks for
  all its members. It is never weaker than its strongest single member that points the same way
  (each member's own ratio is evidence on its own).
- **Undecided**: the members count one by one, within the range of ratios the cluster can still
  reach (again widened by the strongest single members). A counting item with no ratio of its
  own counts a share of the cluster: the k-th root of the top ratio when present (k present
  items reach it), and the matching root of the bottom ratio when absent.

So adding a present item never lowers the condition, and the sum of correlated items never
exceeds what the cluster as a whole was shown to carry. At most one cluster speaks for a
condition: the best-evidenced decided one, else each undecided one for its own members.

A **demographic item** (an age or sex criterion, such as Cook's age over 48) is a demographic
shift like any other (ADR 0001, class 3): present, it counts only beside a defining finding of
the condition; until then it is unknown to the cluster (absent, it always counts). Age over 48
alone therefore neither decides a stratum nor adds a share of Cook's ratio to stenosis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from triggermap.kb.schema import AtLeastExpr, Stratum, TestAccuracy, expr_atoms
from triggermap.reasoning.assessment import EvidenceItem

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Expr, Test
    from triggermap.reasoning.assessment import EvidenceState
    from triggermap.reasoning.differential import Finding
    from triggermap.reasoning.findings import CaseFacts

EVIDENCE_RANK = {"verified": 0, "secondary": 1, "expert_estimate": 2}


@dataclass(frozen=True)
class Cluster:
    test: Test
    atom: str  # test:ID
    members: frozenset[str]  # every atom the rule reads, through derived features
    items: tuple[tuple[Expr, frozenset[str]], ...]  # counting items and the atoms each reads
    demographic: tuple[bool, ...]  # per counting item: an age or sex criterion

    def accuracy_for(self, condition: str) -> TestAccuracy | None:
        return next((a for a in self.test.accuracy if a.condition == condition), None)


def cluster_models(kb: KnowledgeBase) -> tuple[Cluster, ...]:
    """Every cluster test, best-evidenced first (ties by id)."""
    from triggermap.reasoning.differential import flatten_atoms

    out = []
    for test in kb.tests.values():
        if test.rule is None:
            continue
        members = flatten_atoms(kb, expr_atoms(test.rule))
        items: tuple[tuple[Expr, frozenset[str]], ...] = ()
        if isinstance(test.rule, AtLeastExpr):
            items = tuple((item, flatten_atoms(kb, expr_atoms(item))) for item in test.rule.of)
        demographic = tuple(_demographic(kb, atoms) for _, atoms in items)
        out.append(Cluster(test, f"test:{test.id}", members, items, demographic))
    return tuple(sorted(out, key=_rank))


DEMOGRAPHIC_FIELDS = frozenset({"age", "sex"})


def _demographic(kb: KnowledgeBase, atoms: frozenset[str]) -> bool:
    """Does a counting item read only the person's age or sex?"""
    leaves = [a for a in atoms if not _derived(kb, a)]
    return bool(leaves) and all(_compares(kb, a) in DEMOGRAPHIC_FIELDS for a in leaves)


def _derived(kb: KnowledgeBase, atom: str) -> bool:
    prefix, _, target = atom.partition(":")
    return prefix == "feature" and kb.features[target].when is not None


def _compares(kb: KnowledgeBase, atom: str) -> str | None:
    prefix, _, target = atom.partition(":")
    compare = kb.features[target].compare if prefix == "feature" else None
    return None if compare is None else compare.field


def item_states(facts: CaseFacts, cluster: Cluster, gate: bool) -> list[bool | None]:
    """Each counting item's state; with `gate` (no defining finding of the condition is
    present) a present demographic item is unknown."""
    states = [facts.expr(item) for item, _ in cluster.items]
    if gate:
        states = [
            None if demographic and state is True else state
            for state, demographic in zip(states, cluster.demographic, strict=True)
        ]
    return states


def _rank(cluster: Cluster) -> tuple[int, str]:
    best = min((EVIDENCE_RANK[a.evidence.value] for a in cluster.test.accuracy), default=3)
    return best, cluster.test.id


def strata_of(cluster: Cluster, accuracy: TestAccuracy) -> list[Stratum]:
    """The cluster's stratum-specific ratios (a binary counting cluster: its LR- and LR+)."""
    if accuracy.strata:
        return list(accuracy.strata)
    rule = cluster.test.rule
    assert isinstance(rule, AtLeastExpr)
    k = rule.at_least
    return [
        Stratum(at_least=0, at_most=k - 1, likelihood_ratio=accuracy.negative_lr or 1.0),
        Stratum(at_least=k, likelihood_ratio=accuracy.positive_lr or 1.0),
    ]


def cluster_evidence(
    facts: CaseFacts,
    clusters: tuple[Cluster, ...],
    condition: str,
    findings: tuple[Finding, ...],
    gate: bool = False,
) -> tuple[list[EvidenceItem], frozenset[str]]:
    """The clusters' evidence for one condition, and the atoms they speak for. A cluster whose
    population the case is not (known to be) in does not count, and its members count alone.
    `gate`: no defining finding of the condition is present (demographic items are unknown)."""
    clusters = applicable(facts, clusters)
    consumed: frozenset[str] = frozenset().union(*(c.members for c in clusters))
    decided = [c for c in clusters if _range(facts, c, condition, gate)[0]]
    chosen = decided[:1] if decided else list(clusters)
    items = []
    for cluster in chosen:
        item = _cluster_item(facts, cluster, condition, findings, gate)
        if item is not None:
            items.append(item)
    return items, consumed


def applicable(facts: CaseFacts, clusters: tuple[Cluster, ...]) -> tuple[Cluster, ...]:
    """The clusters whose population the case belongs to (all of them when none is given)."""
    return tuple(
        c
        for c in clusters
        if c.test.applies_when is None or facts.expr(c.test.applies_when) is True
    )


def _range(
    facts: CaseFacts, cluster: Cluster, condition: str, gate: bool = False
) -> tuple[bool, float, float]:
    """(decided, lowest, highest) cluster ratio the case can still reach."""
    accuracy = cluster.accuracy_for(condition)
    assert accuracy is not None
    positive, negative = accuracy.positive_lr or 1.0, accuracy.negative_lr or 1.0
    recorded = facts.case.exam.tests.get(cluster.test.id)
    if recorded is not None:
        lr = positive if recorded == "positive" else negative
        return True, lr, lr
    if not cluster.items:
        state = facts.test(cluster.test.id)
        if state is None:
            return False, negative, positive
        lr = positive if state else negative
        return True, lr, lr
    states = item_states(facts, cluster, gate)
    low = sum(v is True for v in states)
    high = len(states) - sum(v is False for v in states) + cluster.test.missing_items
    reachable = [
        s.likelihood_ratio
        for s in strata_of(cluster, accuracy)
        if s.at_least <= high and (s.at_most is None or s.at_most >= low)
    ]
    return len(reachable) == 1, min(reachable), max(reachable)


def _cluster_item(
    facts: CaseFacts,
    cluster: Cluster,
    condition: str,
    findings: tuple[Finding, ...],
    gate: bool,
) -> EvidenceItem | None:
    accuracy = cluster.accuracy_for(condition)
    assert accuracy is not None
    decided, low, high = _range(facts, cluster, condition, gate)
    product, strongest_for, strongest_against, known = _members(
        facts, cluster, accuracy, findings, gate
    )
    if decided:
        lr = max(low, strongest_for) if low >= 1.0 else min(low, strongest_against)
    else:
        if not known:
            return None
        lr = min(max(product, min(low, strongest_against)), max(high, strongest_for))
        if low >= 1.0:  # every reachable count supports it: as when decided, no less
            lr = max(lr, low, strongest_for)
        elif high <= 1.0:  # every reachable count argues against it
            lr = min(lr, high, strongest_against)
    if lr == 1.0:
        return None
    state: EvidenceState = (
        "present" if decided and lr > 1.0 else ("absent" if decided else "partial")
    )
    return EvidenceItem(
        finding=cluster.atom,
        state=state,
        likelihood_ratio=round(lr, 4),
        source=accuracy.source,
        evidence=accuracy.evidence.value,
        note=accuracy.note,
    )


def _members(
    facts: CaseFacts,
    cluster: Cluster,
    accuracy: TestAccuracy,
    findings: tuple[Finding, ...],
    gate: bool,
) -> tuple[float, float, float, bool]:
    """(product of the member ratios, strongest ratio for, strongest against, anything known).

    Members are the condition's own findings whose atoms the cluster reads, plus, for a
    counting item with none of its own, a share of the cluster's ratio.
    """
    own = [f for f in findings if f.atom in cluster.members]
    product, strongest_for, strongest_against, known = 1.0, 1.0, 1.0, False
    for finding in own:
        state = facts.atom(finding.atom)
        lr = None if state is None else _ratio(finding, state)
        if lr is None:
            continue
        known = True
        product *= lr
        strongest_for, strongest_against = max(strongest_for, lr), min(strongest_against, lr)
    if cluster.items:
        share_for, share_against = _shares(cluster, accuracy)
        states = item_states(facts, cluster, gate)
        for (_, atoms), state in zip(cluster.items, states, strict=True):
            if any(f.atom in atoms for f in own):
                continue
            if state is not None:
                known = True
                product *= share_for if state else share_against
    return product, strongest_for, strongest_against, known


def _ratio(finding: Finding, state: bool) -> float | None:
    lr = finding.accuracy.positive_lr if state else finding.accuracy.negative_lr
    return None if lr is None else round(lr, 4)


def _shares(cluster: Cluster, accuracy: TestAccuracy) -> tuple[float, float]:
    """A counting item's share of the cluster: present, the root of the top ratio by the items
    needed to reach it; absent, the root of the bottom ratio by the items needed to fall to it."""
    strata = strata_of(cluster, accuracy)
    top, bottom = strata[-1], strata[0]
    n = len(cluster.items) + cluster.test.missing_items
    need_for = max(top.at_least, 1)
    need_against = max(n - (bottom.at_most if bottom.at_most is not None else n), 1)
    return top.likelihood_ratio ** (1 / need_for), bottom.likelihood_ratio ** (1 / need_against)


def decided_members(
    facts: CaseFacts, clusters: tuple[Cluster, ...], condition: str, gate: bool = False
) -> frozenset[str]:
    """Atoms a decided cluster already speaks for (for `next_tests`)."""
    decided = [c for c in applicable(facts, clusters) if _range(facts, c, condition, gate)[0]]
    return frozenset().union(*(c.members for c in decided))
