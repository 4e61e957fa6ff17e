"""Cross-reference checks over a loaded knowledge base.

Walks every entry generically: each `source` field and `sources` list must name a source;
each finding atom (in `finding`, `when`, `rule` and `regions_any`) must name an existing entry
of its kind; each id-valued reference field must exist in its kind. One line per problem,
naming the file, the entry and the field path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from triggermap.kb.schema import (
    FINDING_PREFIXES,
    KIND_MODELS,
    SCREENING_FINDINGS,
    SCREENING_REQUIRED,
    AllExpr,
    AnyExpr,
    AtLeastExpr,
    ConditionImaging,
    Treatment,
    expr_atoms,
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
    "instead": "treatments",
    "refines": "history",
}
EXPR_FIELDS = {"when", "rule", "finding"}


def check_integrity(kb: KnowledgeBase) -> list[str]:
    problems: list[str] = []
    for kind in KIND_MODELS:
        for entry_id, entry in kb.kind(kind).items():
            where = f"{kb.origins.get((kind, entry_id), kind)}: {_singular(kind)} '{entry_id}'"
            for path, message in _walk(kb, entry, ""):
                problems.append(f"{where}: field '{path}': {message}")
    for path, message in _walk(kb, kb.thresholds, ""):
        problems.append(f"thresholds.yaml: field '{path}': {message}")
    problems.extend(_check_feature_cycles(kb))
    problems.extend(_check_illustrations(kb))
    if not problems:  # the checks below follow references the ones above have checked
        problems.extend(check_screening(kb))
        problems.extend(check_precaution_steps(kb))
        problems.extend(_check_follow_ups(kb))
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
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, BaseModel):
                yield from _walk(kb, item, f"{path}.{key}")


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


# ---------------------------------------------------------------- screening of self-care items


def check_screening(kb: KnowledgeBase) -> list[str]:
    """A self-care item whose `demands` need a screening topic (schema.SCREENING_REQUIRED) must
    record it: a precaution whose finding reads one of the topic's findings (directly or through
    a feature), or a `not_relevant` reason. Recording both is a contradiction."""
    problems = [
        f"knowledge base: screening topic {topic!r}: finding {atom!r} does not exist"
        for topic, atoms in SCREENING_FINDINGS.items()
        for atom in atoms
        if atom_problem(kb, atom)
    ]
    for treatment_id, treatment in kb.treatments.items():
        where = f"{kb.origins.get(('treatments', treatment_id), 'treatments')}: treatment "
        where += f"'{treatment_id}': field 'not_relevant'"
        screened = screened_topics(kb, treatment)
        for topic, demands in required_topics(treatment).items():
            if topic in screened and topic in treatment.not_relevant:
                problems.append(f"{where}: {topic} has a precaution and a not_relevant reason")
            elif topic not in screened and topic not in treatment.not_relevant:
                problems.append(
                    f"{where}: no screening for {topic} (the item asks for "
                    f"{', '.join(demands)}): add a precaution reading "
                    f"{' or '.join(SCREENING_FINDINGS[topic])}, or a not_relevant reason"
                )
    return problems


def required_topics(treatment: Treatment) -> dict[str, list[str]]:
    """Screening topic -> the item's demands that call for it."""
    out: dict[str, list[str]] = {}
    for demand in treatment.demands or ():
        for topic in SCREENING_REQUIRED[demand]:
            out.setdefault(topic, []).append(demand)
    return out


def screened_topics(kb: KnowledgeBase, treatment: Treatment) -> set[str]:
    """The topics some precaution of the treatment reads a finding of."""
    atoms = {
        atom for p in treatment.precautions if p.finding for atom in reachable_atoms(kb, p.finding)
    }
    return {t for t, findings in SCREENING_FINDINGS.items() if atoms & set(findings)}


def reachable_atoms(kb: KnowledgeBase, atom: str) -> set[str]:
    """The atom and every atom its feature definitions read, transitively."""
    seen = {atom}
    stack = [atom]
    while stack:
        prefix, _, target = stack.pop().partition(":")
        feature = kb.features.get(target) if prefix == "feature" else None
        if feature is None or feature.when is None:
            continue
        for child in expr_atoms(feature.when):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


# ---------------------------------------------------------------- precautions and the steps

VERSION = re.compile(r"\b([a-z]+(?:-[a-z]+)?) version\b", re.IGNORECASE)


def check_precaution_steps(kb: KnowledgeBase) -> list[str]:
    """A person alone follows the steps, so a precaution may not send them to something the
    steps do not describe: a version it names ("use the standing version") must be named in
    the steps; one that stops the progression needs a progression; a `replacement_only` item
    must be some contraindication's `instead`."""
    problems = []
    offered = {p.instead for t in kb.treatments.values() for p in t.precautions if p.instead}
    for treatment_id, treatment in kb.treatments.items():
        where = f"{kb.origins.get(('treatments', treatment_id), 'treatments')}: treatment "
        where += f"'{treatment_id}'"
        steps = " ".join(item_steps(kb, treatment)).lower()
        for i, precaution in enumerate(treatment.precautions):
            at = f"{where}: field 'precautions[{i}]'"
            for name in VERSION.findall(precaution.text):
                if f"{name.lower()} version" not in steps:
                    problems.append(
                        f"{at}: names the {name.lower()!r} version, which the steps do not "
                        "describe: name it in the steps, or make it a treatment of its own "
                        "offered `instead`"
                    )
            if precaution.stops_progression and not treatment.progression:
                problems.append(f"{at}: stops_progression, but the item has no progression")
        if treatment.replacement_only and treatment_id not in offered:
            problems.append(
                f"{where}: field 'replacement_only': no contraindication offers it `instead`"
            )
    return problems


def item_steps(kb: KnowledgeBase, treatment: Treatment) -> list[str]:
    """The steps a plan prints for the treatment: its own, or a muscle release's."""
    if treatment.steps:
        return list(treatment.steps)
    return [
        step
        for m in kb.muscles.values()
        if m.self_release.treatment == treatment.id
        for step in (m.self_release.how_to_find, *m.self_release.steps)
    ]


# ---------------------------------------------------------------- history follow-up questions


def _check_follow_ups(kb: KnowledgeBase) -> list[str]:
    """An item that others refine asks a follow_up; only such an item does; one level only."""
    problems = []
    refined = {h.refines for h in kb.history.values() if h.refines}
    for history_id, item in kb.history.items():
        where = f"{kb.origins.get(('history', history_id), 'history')}: history item '{history_id}'"
        if history_id in refined and not item.follow_up:
            problems.append(f"{where}: field 'follow_up': other items refine it: ask which")
        if item.follow_up and history_id not in refined:
            problems.append(f"{where}: field 'follow_up': no history item refines it")
        if item.refines and kb.history[item.refines].refines:
            problems.append(f"{where}: field 'refines': {item.refines!r} refines another item")
    return problems
