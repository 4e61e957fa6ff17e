"""Three-valued evaluation of finding atoms and expressions over one case.

Every atom is True (present), False (absent) or None (unknown). Unknown is never absent:
an unasked question stays None, and expressions use Kleene logic, so a rule whose outcome
depends on an unknown finding is itself unknown (and does not fire).

    all:      False if any False, True if all True, else None
    any:      True if any True, False if all False, else None
    at_least: True once k are True, False once k can no longer be reached, else None

Red-flag mode (`unsure_as_present=True`, used by triage): a red-flag symptom answered
"not sure" counts as present, as spec/TRIAGE.md requires.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from triggermap.kb.schema import AllExpr, AnyExpr, AtLeastExpr, Comparison, Expr, Feature

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.case import Case

Tri = bool | None


@lru_cache(maxsize=4096)
def split_atom(atom: str) -> tuple[str, str, str]:
    """`palpation:piriformis.taut_band` -> ('palpation', 'piriformis', 'taut_band')."""
    prefix, _, target = atom.partition(":")
    head, _, tail = target.partition(".")
    return prefix, head, tail


class CaseFacts:
    """A case indexed for fast atom look-ups."""

    def __init__(
        self,
        case: Case,
        kb: KnowledgeBase,
        *,
        unsure_as_present: bool = False,
        posteriors: Mapping[str, float] | None = None,
    ) -> None:
        self.case = case
        self.kb = kb
        self.unsure_as_present = unsure_as_present
        self.posteriors = posteriors
        self.present = frozenset(case.symptoms)
        self.absent = frozenset(case.absent)
        self.unsure = frozenset(case.unsure)
        self.history = frozenset(case.history)
        self.regions = frozenset(case.pain.regions)
        self._features: dict[str, Tri] = {}
        self._atoms: dict[str, Tri] = {}

    def with_posteriors(self, posteriors: Mapping[str, float]) -> CaseFacts:
        """The same facts once the differential is known.

        Decided atoms carry over: knowing the posteriors only resolves what was unknown.
        """
        informed = CaseFacts(
            self.case, self.kb, unsure_as_present=self.unsure_as_present, posteriors=posteriors
        )
        informed._atoms = {a: v for a, v in self._atoms.items() if v is not None}
        informed._features = {f: v for f, v in self._features.items() if v is not None}
        return informed

    # ------------------------------------------------------------ atoms

    def atom(self, atom: str) -> Tri:
        try:
            return self._atoms[atom]
        except KeyError:
            value = self._atoms[atom] = self._atom(atom)
            return value

    def _atom(self, atom: str) -> Tri:
        prefix, head, tail = split_atom(atom)
        if prefix == "symptom":
            return self.symptom(head)
        if prefix == "history":
            return True if head in self.history else None
        if prefix == "region":
            if head in self.regions:
                return True
            return False if self.regions else None
        if prefix == "test":
            return self.test(head)
        if prefix == "neuro":
            return self.case.exam.neuro.get(head)
        if prefix == "palpation":
            return self.case.exam.palpation.get(head, {}).get(tail)
        if prefix == "feature":
            return self.feature(head)
        raise ValueError(f"unknown finding atom {atom!r}")  # the loader rejects these

    def symptom(self, symptom_id: str) -> Tri:
        if symptom_id in self.present:
            return True
        if symptom_id in self.absent:
            return False
        if symptom_id in self.unsure and self.unsure_as_present:
            return self.kb.symptoms[symptom_id].red_flag or None
        return None

    def is_unsure(self, atom: str) -> bool:
        prefix, head, _ = split_atom(atom)
        return prefix == "symptom" and head in self.unsure

    def test(self, test_id: str) -> Tri:
        recorded = self.case.exam.tests.get(test_id)
        if recorded is not None:
            return recorded == "positive"
        test = self.kb.tests[test_id]
        if test.rule is None:
            return None
        if isinstance(test.rule, AtLeastExpr):
            low, high = self.count_range(test.rule.of, test.missing_items)
            return (
                True
                if low >= test.rule.at_least
                else (False if high < test.rule.at_least else None)
            )
        return self.expr(test.rule)

    def count_range(self, items: Sequence[Expr], missing: int = 0) -> tuple[int, int]:
        """How many items are positive: at least the true ones, at most those not false (plus
        the cluster's items triggermap does not ask, which are always unknown)."""
        values = [self.expr(item) for item in items]
        true = sum(v is True for v in values)
        return true, len(values) - sum(v is False for v in values) + missing

    def feature(self, feature_id: str) -> Tri:
        if feature_id not in self._features:
            self._features[feature_id] = self._derive(self.kb.features[feature_id])
        return self._features[feature_id]

    def _derive(self, feature: Feature) -> Tri:
        if feature.compare is not None:
            return compare(self.case, feature.compare)
        if feature.regions_any is not None:
            if not self.regions:
                return None
            return any(r in self.regions for r in feature.regions_any)
        if feature.when is not None:
            return self.expr(feature.when)
        if feature.palpation_criteria is not None:
            criteria = feature.palpation_criteria
            return self._palpation_criteria(criteria.all_of, criteria.at_least)
        if self.posteriors is None:
            return None
        if feature.leading_condition is not None:
            rule = feature.leading_condition
            if not self.posteriors:
                return False
            leader = max(sorted(self.posteriors), key=lambda c: self.posteriors[c])  # type: ignore[index]
            p = self.posteriors[leader]
            return (
                leader not in rule.not_in
                and p >= rule.min_probability
                and (rule.below is None or p < rule.below)
            )
        assert feature.condition_probability is not None
        cp = feature.condition_probability
        return self.posteriors.get(cp.condition, 0.0) >= cp.min_probability

    def _palpation_criteria(self, criteria: Sequence[str], at_least: int | None) -> Tri:
        """Does any palpated muscle show every criterion, or `at_least` of them? (See
        `PalpationCriteria`.)"""
        palpated = self.case.exam.palpation
        if not palpated:
            return None
        k = len(criteria) if at_least is None else at_least
        return any3(
            at_least3(k, [findings.get(c) for c in criteria]) for findings in palpated.values()
        )

    # ------------------------------------------------------------ expressions

    def expr(self, expr: Expr) -> Tri:
        if isinstance(expr, str):
            return self.atom(expr)
        if isinstance(expr, AllExpr):
            return all3(self.expr(e) for e in expr.all)
        if isinstance(expr, AnyExpr):
            return any3(self.expr(e) for e in expr.any)
        return at_least3(expr.at_least, [self.expr(e) for e in expr.of])

    def firing_atoms(self, expr: Expr) -> list[str]:
        """The atoms that are present and make a true expression true (for the reasons)."""
        if isinstance(expr, str):
            if self.atom(expr) is not True:
                return []
            prefix, head, _ = split_atom(expr)
            when = self.kb.features[head].when if prefix == "feature" else None
            if when is not None and isinstance(when, AnyExpr):
                return self.firing_atoms(when)  # which alternative: "drawn", not "either"
            return [expr]
        children = (
            expr.all
            if isinstance(expr, AllExpr)
            else (expr.any if isinstance(expr, AnyExpr) else expr.of)
        )
        out: list[str] = []
        for child in children:
            if self.expr(child) is True:
                out.extend(a for a in self.firing_atoms(child) if a not in out)
        return out


def all3(values: Any) -> Tri:
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def any3(values: Any) -> Tri:
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def at_least3(k: int, values: list[Tri]) -> Tri:
    true = sum(v is True for v in values)
    unknown = sum(v is None for v in values)
    if true >= k:
        return True
    if true + unknown < k:
        return False
    return None


def case_field(case: Case, field: str) -> Any:
    """A case field by the dotted names of `Comparison.field`; None when not given."""
    if field == "pain.intensity":
        return case.pain.intensity
    if field.startswith("rom."):
        _, movement, measure = field.split(".")
        record = case.exam.rom.get(movement)
        if record is None:
            return None
        if measure == "least":
            values = [v for v in (record.active, record.passive) if v is not None]
            return min(values) if values else None
        return getattr(record, measure)
    value = getattr(case, field)
    return None if value == "unknown" else value


def compare(case: Case, comparison: Comparison) -> Tri:
    value = case_field(case, comparison.field)
    if comparison.op == "missing":
        return value is None
    if value is None:
        return None
    target: Any = comparison.value
    op = comparison.op
    if op == "in":
        return value in (target or [])
    if op == "eq":
        return bool(value == target)
    if op == "ne":
        return bool(value != target)
    ordered = {
        "gt": value > target,
        "ge": value >= target,
        "lt": value < target,
        "le": value <= target,
    }
    return bool(ordered[op])
