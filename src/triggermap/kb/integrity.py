"""Cross-reference checks over a loaded knowledge base.

Walks every entry generically: each `source` field and `sources` list must name a source;
each finding atom (in `finding`, `when`, `rule` and `regions_any`) must name an existing entry
of its kind; each id-valued reference field must exist in its kind. One line per problem,
naming the file, the entry and the field path.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from triggermap.kb.schema import (
    FINDING_PREFIXES,
    KIND_MODELS,
    AllExpr,
    AnyExpr,
    AtLeastExpr,
    ConditionImaging,
)

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

# field name -> the kind its ids must exist in
REFERENCE_FIELDS = {
    "essential": "regions",
    "spillover": "regions",
    "regions": "regions",
    "regions_any": "regions",
    "history": "history",
    "symptom": "symptoms",
    "symptoms": "symptoms",
    "stretches": "treatments",
    "strengthening": "treatments",
    "treatment": "treatments",
    "mimics": "conditions",
    "related_conditions": "conditions",
    "conditions": "conditions",
    "condition": "conditions",
    "not_in": "conditions",
    "muscles": "muscles",
    "indicated_by_history": "history",
    "when_rules": "triage_rules",
    "suspects": "conditions",
}
EXPR_FIELDS = {"when", "rule", "finding"}


def check_integrity(kb: KnowledgeBase) -> list[str]:
    problems: list[str] = []
    for kind in KIND_MODELS:
        for entry_id, entry in kb.kind(kind).items():
            where = f"{kb.origins.get((kind, entry_id), kind)}: {_singular(kind)} '{entry_id}'"
            for path, message in _walk(kb, entry, ""):
                problems.append(f"{where}: field '{path}': {message}")
    problems.extend(_check_feature_cycles(kb))
    problems.extend(_check_illustrations(kb))
    return problems


def _check_illustrations(kb: KnowledgeBase) -> list[str]:
    """A picture shows a treatment: its id must be one (whether every self-care treatment has
    a picture that draws is `kb check`'s question: `render.pictures.check`)."""
    return [
        f"{kb.origins.get(('illustrations', pid), 'illustrations')}: illustration '{pid}': "
        f"field 'id': unknown treatment id {pid!r}"
        for pid in kb.illustrations
        if pid not in kb.treatments
    ]


def _singular(kind: str) -> str:
    return {
        "history": "history item",
        "triage_rules": "triage rule",
        "imaging_rules": "imaging rule",
    }.get(kind, kind[:-1])


def _walk(kb: KnowledgeBase, model: BaseModel, prefix: str) -> Iterator[tuple[str, str]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{prefix}.{name}" if prefix else name
        if name == "when" and isinstance(model, ConditionImaging):
            continue  # plain words here, not an expression
        yield from _check_field(kb, name, value, path)


def _check_field(kb: KnowledgeBase, name: str, value: Any, path: str) -> Iterator[tuple[str, str]]:
    if value is None:
        return
    if name == "source" and isinstance(value, str):
        if value not in kb.sources:
            yield path, f"unknown source key {value!r}"
        return
    if name in ("sources", "progression_sources") and isinstance(value, list):
        for i, key in enumerate(value):
            if key not in kb.sources:
                yield f"{path}[{i}]", f"unknown source key {key!r}"
        return
    if name in EXPR_FIELDS:
        yield from _check_expr(kb, value, path)
        return
    if name in REFERENCE_FIELDS and _is_ids(value):
        kind = REFERENCE_FIELDS[name]
        ids = [value] if isinstance(value, str) else value
        for i, ref in enumerate(ids):
            if ref not in kb.kind(kind):
                at = path if isinstance(value, str) else f"{path}[{i}]"
                yield at, f"unknown {_singular(kind)} id {ref!r}"
        return
    if isinstance(value, BaseModel):
        yield from _walk(kb, value, path)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, BaseModel):
                yield from _walk(kb, item, f"{path}[{i}]")


def _is_ids(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    )


def _check_expr(kb: KnowledgeBase, expr: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(expr, str):
        problem = atom_problem(kb, expr)
        if problem:
            yield path, problem
        return
    if isinstance(expr, AllExpr | AnyExpr | AtLeastExpr):
        children = (
            expr.all
            if isinstance(expr, AllExpr)
            else (expr.any if isinstance(expr, AnyExpr) else expr.of)
        )
        key = "all" if isinstance(expr, AllExpr) else ("any" if isinstance(expr, AnyExpr) else "of")
        if isinstance(expr, AtLeastExpr) and expr.at_least > len(expr.of):
            yield path, f"at_least {expr.at_least} of only {len(expr.of)} findings"
        for i, child in enumerate(children):
            yield from _check_expr(kb, child, f"{path}.{key}[{i}]")


def atom_problem(kb: KnowledgeBase, atom: str) -> str | None:
    """Why a finding atom does not resolve, or None when it does."""
    prefix, _, target = atom.partition(":")
    if prefix not in FINDING_PREFIXES or not target:
        return (
            f"finding {atom!r} must be PREFIX:ID with PREFIX one of {', '.join(FINDING_PREFIXES)}"
        )
    if prefix == "palpation":
        muscle, _, finding = target.partition(".")
        if muscle not in kb.muscles:
            return f"unknown muscle id {muscle!r} in {atom!r}"
        if finding not in kb.exam.palpation_findings:
            return f"unknown palpation finding {finding!r} in {atom!r}"
        return None
    if prefix == "neuro":
        return None if target in kb.exam.neuro else f"unknown neuro id {target!r}"
    kinds = {
        "symptom": "symptoms",
        "history": "history",
        "test": "tests",
        "region": "regions",
        "feature": "features",
    }
    if target not in kb.kind(kinds[prefix]):
        return f"unknown {prefix} id {target!r}"
    return None


def _check_feature_cycles(kb: KnowledgeBase) -> list[str]:
    """A feature (or cluster test) defined through itself can never be evaluated."""
    problems = []
    for feature_id in kb.features:
        if _reaches(kb, f"feature:{feature_id}", f"feature:{feature_id}", set()):
            where = kb.origins.get(("features", feature_id), "features.yaml")
            problems.append(f"{where}: feature '{feature_id}': field 'when': refers to itself")
    return problems


def _reaches(kb: KnowledgeBase, start: str, goal: str, seen: set[str]) -> bool:
    from triggermap.kb.schema import expr_atoms

    prefix, _, target = start.partition(":")
    expr: Any = None
    if prefix == "feature" and target in kb.features:
        expr = kb.features[target].when
    elif prefix == "test" and target in kb.tests:
        expr = kb.tests[target].rule
    if expr is None:
        return False
    for atom in expr_atoms(expr):
        if atom == goal:
            return True
        if atom not in seen:
            seen.add(atom)
            if _reaches(kb, atom, goal, seen):
                return True
    return False
