"""Is a resource valid FHIR R4? Parsed with the `fhir.resources` R4B models (types,
cardinality, required elements) and checked against the FHIRPath invariants of
`fhir.invariants` with `fhirpathpy`, plus ele-1 (no empty element), ext-1 (an extension has
a value or extensions) and ref-1 (a local reference names a contained resource) in Python.

Both libraries are imported here only, on first use: building resources needs neither.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from triggermap.fhir.invariants import invariants_for


def validation_problems(resource: dict[str, Any], where: str = "") -> list[str]:
    """Every problem, one line each (empty when the resource is valid); a Bundle's entries
    are checked one by one as well."""
    where = where or str(resource.get("resourceType"))
    problems = _structure(resource, where)
    problems += [f"{where}: ele-1: empty element at {p}" for p in _empty_elements(resource, "")]
    problems += [
        f"{where}: ext-1: extension at {p} needs a value or extensions, not both"
        for p in _bad_extensions(resource, "")
    ]
    problems += [f"{where}: ref-1: {p} names no contained resource" for p in _local_refs(resource)]
    problems += _invariant_problems(resource, where)
    if resource.get("resourceType") == "Bundle":
        for index, entry in enumerate(resource.get("entry", [])):
            inner = entry.get("resource")
            if isinstance(inner, dict):
                problems += validation_problems(
                    inner, f"{where}.entry[{index}].{inner.get('resourceType')}"
                )
    return problems


def _structure(resource: dict[str, Any], where: str) -> list[str]:
    from fhir.resources.R4B import get_fhir_model_class
    from pydantic import ValidationError

    try:
        model = get_fhir_model_class(str(resource.get("resourceType")))
    except (KeyError, ValueError) as exc:
        return [f"{where}: not an R4B resource type ({exc})"]
    try:
        model.model_validate(resource)
    except ValidationError as exc:
        return [f"{where}: {e['loc']}: {e['msg']}" for e in exc.errors()]
    return []


def _empty_elements(value: Any, path: str) -> list[str]:
    if value in ({}, [], "", None):
        return [path or "(root)"]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _empty_elements(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _empty_elements(v, f"{path}[{i}]")]
    return []


def _bad_extensions(value: Any, path: str) -> list[str]:
    out: list[str] = []
    if isinstance(value, dict):
        for ext in value.get("extension", []) if isinstance(value.get("extension"), list) else []:
            has_value = any(k.startswith("value") for k in ext)
            if has_value == ("extension" in ext):
                out.append(f"{path}.extension")
        for key, inner in value.items():
            out += _bad_extensions(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            out += _bad_extensions(inner, f"{path}[{index}]")
    return out


def _local_refs(resource: dict[str, Any]) -> list[str]:
    contained = {f"#{c.get('id')}" for c in resource.get("contained", []) if isinstance(c, dict)}
    return [
        ref
        for ref in _strings_at(resource, "reference")
        if ref.startswith("#") and ref not in contained
    ]


def _strings_at(value: Any, key: str) -> list[str]:
    if isinstance(value, dict):
        here = [value[key]] if isinstance(value.get(key), str) else []
        return here + [s for v in value.values() for s in _strings_at(v, key)]
    if isinstance(value, list):
        return [s for v in value for s in _strings_at(v, key)]
    return []


@cache
def _compiled(expression: str) -> Callable[..., list[Any]]:
    import fhirpathpy
    from fhirpathpy.models import models

    return fhirpathpy.compile(expression, models["r4"])


def _invariant_problems(resource: dict[str, Any], where: str) -> list[str]:
    env = {"resource": resource, "rootResource": resource}
    problems = []
    for key, context, expression in invariants_for(str(resource.get("resourceType"))):
        try:
            nodes = [resource] if context == "%resource" else _compiled(context)(resource, env)
            results = [_compiled(expression)(node, env) for node in nodes]
        except Exception as exc:  # the engine's own errors: an invariant that cannot be checked
            problems.append(f"{where}: {key} could not be evaluated: {exc}")
            continue
        for node, result in zip(nodes, results, strict=True):
            if result not in ([True], []):
                problems.append(f"{where}: {key} fails ({expression}) on {str(node)[:80]}")
    return problems
