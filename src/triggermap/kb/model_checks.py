"""Consistency checks between the knowledge base and the reasoning model (ADR 0001).

The checks in `integrity` ask whether each reference exists; these ask whether the numbers fit
the model that reads them, so that its invariants hold for any case:

- a condition's core and key regions lie inside its typical regions, and a key region names a
  region or a `regions_any` feature;
- a key region's LR+ is at least 1 and its LR- at most 1;
- `no_typical_region` is at or below the product of every condition's key LR- (a drawing that
  touches a condition's core never counts less than one that misses it);
- `outside_typical` is at most 1 and at or below every ratio under 1 that a finding reading the
  drawing can apply (so adding a painful region outside a condition's typical regions never
  raises it: the other conditions never fall further than it does);
- a ratio pair points one way: present and absent are not both above 1 or both below 1;
- a counting cluster's strata start at 0, leave no gap, end open, and never fall as the count
  rises; strata need a counting rule (`at_least`);
- a demographic ratio needs a defining finding of its condition to count beside;
- the referral-population priors that can anchor together leave room for everything else
  (their sum is below 1).
One line per problem, naming the file, the entry and the field.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

from triggermap.kb.schema import AtLeastExpr, expr_atoms

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Accuracy, Condition, Test

MODEL_FILE = "model.yaml"


def check_model(kb: KnowledgeBase) -> list[str]:
    problems: list[str] = []
    for condition in kb.conditions.values():
        problems += [_where(kb, "conditions", condition.id, m) for m in _regions(kb, condition)]
        for i, finding in enumerate(condition.findings):
            for message in _accuracy(finding, f"findings[{i}]"):
                problems.append(_where(kb, "conditions", condition.id, message))
    for test in kb.tests.values():
        problems += [_where(kb, "tests", test.id, m) for m in _test(test)]
    problems += _no_typical_region(kb)
    problems += _outside_typical(kb)
    problems += _demographics(kb)
    problems += _anchored_shares(kb)
    return problems


def _where(kb: KnowledgeBase, kind: str, entry: str, message: str) -> str:
    singular = kind[:-1]
    return f"{kb.origins.get((kind, entry), kind)}: {singular} '{entry}': {message}"


# ---------------------------------------------------------------- regions


def region_atoms(kb: KnowledgeBase, atom: str) -> frozenset[str]:
    """The regions an atom reads, through feature definitions (`when` and `regions_any`)."""
    seen, stack, regions = {atom}, [atom], set()
    while stack:
        prefix, _, target = stack.pop().partition(":")
        if prefix == "region":
            regions.add(target)
            continue
        feature = kb.features.get(target) if prefix == "feature" else None
        if feature is None:
            continue
        children = [f"region:{r}" for r in feature.regions_any or []]
        if feature.when is not None:
            children += list(expr_atoms(feature.when))
        for child in children:
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return frozenset(regions)


def _key_regions(kb: KnowledgeBase, finding: str) -> frozenset[str] | None:
    """The regions a key finding names, or None when it is not a region or regions_any feature."""
    prefix, _, target = finding.partition(":")
    if prefix == "region":
        return frozenset([target]) if target in kb.regions else None
    feature = kb.features.get(target) if prefix == "feature" else None
    if feature is None or not feature.regions_any:
        return None
    return frozenset(feature.regions_any)


def _regions(kb: KnowledgeBase, condition: Condition) -> Iterator[str]:
    regions = condition.regions
    typical = set(regions.typical)
    outside = sorted(set(regions.core) - typical)
    if outside:
        yield f"field 'regions.core': {', '.join(outside)} not among its typical regions"
    for i, key in enumerate(regions.key):
        field = f"regions.key[{i}]"
        named = _key_regions(kb, key.finding)
        if named is None:
            yield f"field '{field}.finding': {key.finding!r} is not a region or regions_any feature"
        elif not named <= typical:
            extra = ", ".join(sorted(named - typical))
            yield f"field '{field}.finding': {extra} not among its typical regions"
        if key.lr_positive < 1.0:
            yield f"field '{field}.lr_positive': {key.lr_positive} is below 1 (a key region)"
        if key.lr_negative > 1.0:
            yield f"field '{field}.lr_negative': {key.lr_negative} is above 1 (a key region)"


def _no_typical_region(kb: KnowledgeBase) -> list[str]:
    value = kb.model.differential.regional.no_typical_region.value
    problems = []
    if not 0.0 < value <= 1.0:
        problems.append(f"{MODEL_FILE}: field 'differential.regional.no_typical_region': {value}")
    for condition in kb.conditions.values():
        spared = math.prod(k.lr_negative for k in condition.regions.key)
        if spared < value:
            problems.append(
                f"{MODEL_FILE}: field 'differential.regional.no_typical_region': {value} is above "
                f"the ratio of a drawing that spares every key region of '{condition.id}' "
                f"({spared:.3g}): touching its core would count less than missing it"
            )
    return problems


def _outside_typical(kb: KnowledgeBase) -> list[str]:
    value = kb.model.differential.regional.outside_typical.value
    field = f"{MODEL_FILE}: field 'differential.regional.outside_typical'"
    if not 0.0 < value <= 1.0:
        return [f"{field}: {value} is not between 0 and 1"]
    problems = []
    for condition in kb.conditions.values():
        for finding in condition.findings:
            if not region_atoms(kb, finding.finding):
                continue
            for ratio in (finding.positive_lr, finding.negative_lr):
                if ratio is not None and ratio < value:
                    problems.append(
                        f"{field}: {value} is above the ratio {ratio} that "
                        f"'{finding.finding}' (it reads the drawing) applies to "
                        f"'{condition.id}': adding a region could raise another condition"
                    )
    return problems


# ---------------------------------------------------------------- ratios and clusters


def _accuracy(accuracy: Accuracy, field: str) -> Iterator[str]:
    plus, minus = accuracy.lr_positive, accuracy.lr_negative
    if plus is not None and minus is not None and (plus - 1.0) * (minus - 1.0) > 0:
        yield (
            f"field '{field}': lr_positive {plus} and lr_negative {minus} point the same way "
            "(present and absent cannot both raise or both lower a condition)"
        )


def _test(test: Test) -> Iterator[str]:
    for i, accuracy in enumerate(test.accuracy):
        field = f"accuracy[{i}]"
        yield from _accuracy(accuracy, field)
        if not accuracy.strata:
            continue
        if not isinstance(test.rule, AtLeastExpr):
            yield f"field '{field}.strata': strata need a counting rule (at_least)"
        yield from _strata(accuracy, f"{field}.strata")


def _strata(accuracy: Accuracy, field: str) -> Iterator[str]:
    expected, last_ratio = 0, 0.0
    for i, stratum in enumerate(accuracy.strata):
        if stratum.at_least != expected:
            yield f"field '{field}[{i}].at_least': {stratum.at_least}, expected {expected} (a gap)"
        if stratum.likelihood_ratio < last_ratio:
            yield f"field '{field}[{i}].likelihood_ratio': falls as the count rises"
        last_ratio = stratum.likelihood_ratio
        if stratum.at_most is None:
            if i != len(accuracy.strata) - 1:
                yield f"field '{field}[{i}].at_most': only the last stratum is open"
            return
        if stratum.at_most < stratum.at_least:
            yield f"field '{field}[{i}].at_most': below at_least"
        expected = stratum.at_most + 1
    yield f"field '{field}': the last stratum must be open (no at_most)"


# ---------------------------------------------------------------- priors and demographics


def _defined(kb: KnowledgeBase) -> set[str]:
    """The conditions with at least one defining finding, test or key region."""
    out = {c.id for c in kb.conditions.values() if any(f.defining for f in c.findings)}
    out |= {c.id for c in kb.conditions.values() if any(k.defining for k in c.regions.key)}
    out |= {a.condition for t in kb.tests.values() for a in t.accuracy if a.defining}
    return out


def _demographics(kb: KnowledgeBase) -> list[str]:
    defined = _defined(kb)
    problems = []
    for condition in kb.conditions.values():
        for i, finding in enumerate(condition.findings):
            raises = (finding.positive_lr or 1.0) > 1.0 or (finding.negative_lr or 1.0) > 1.0
            if finding.demographic and raises and condition.id not in defined:
                problems.append(
                    _where(
                        kb,
                        "conditions",
                        condition.id,
                        f"field 'findings[{i}]': a demographic ratio above 1 needs a defining "
                        "finding of the condition to count beside (none is marked defining)",
                    )
                )
    return problems


def _anchored_shares(kb: KnowledgeBase) -> list[str]:
    anchored = [c for c in kb.conditions.values() if c.suspected_pretest is not None]
    total = sum(c.suspected_pretest.probability for c in anchored if c.suspected_pretest)
    if total < 1.0:
        return []
    names = ", ".join(c.id for c in anchored)
    return [
        f"conditions: suspected_pretest: the referral-population priors ({names}) add up to "
        f"{total:.3g}: they must leave room for the other explanations (below 1)"
    ]
