"""Plain labels for finding atoms and expressions, shared by every renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from triggermap.kb.schema import AllExpr, AnyExpr, AtLeastExpr, Expr

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

DRAWING = {
    "no_typical_region": "pain drawing: none of its usual places hurts",
    "outside_typical_regions": "pain drawing: places it does not explain",
}
NEURO = {
    "sensory_deficit": "reduced sensation on examination",
    "motor_deficit": "weakness on examination",
    "reflex_change": "changed reflex on examination",
}


def atom_label(kb: KnowledgeBase, atom: str) -> str:
    """`symptom:fever` -> 'fever or chills'; unknown atoms fall back to readable words."""
    prefix, _, target = atom.partition(":")
    head, _, tail = target.partition(".")
    tables: dict[str, dict[str, Any]] = {
        "symptom": kb.symptoms,
        "history": kb.history,
        "region": kb.regions,
        "feature": kb.features,
        "test": kb.tests,
    }
    table = tables.get(prefix)
    if table is not None and head in table:
        entry = table[head]
        return str(getattr(entry, "label", None) or getattr(entry, "name", head))
    if prefix == "neuro":
        return NEURO.get(head, head.replace("_", " "))
    if prefix == "drawing":
        return DRAWING.get(head, head.replace("_", " "))
    if prefix == "palpation" and head in kb.muscles:
        return f"{kb.muscles[head].name}: {tail.replace('_', ' ')} on palpation"
    return target.replace("_", " ")


def expr_label(kb: KnowledgeBase, expr: Expr, *, nested: bool = False) -> str:
    """An expression in words: 'fever or chills and (a or b)', 'at least 3 of: ...'."""
    if isinstance(expr, str):
        return atom_label(kb, expr)
    if isinstance(expr, AllExpr):
        text = " and ".join(expr_label(kb, e, nested=True) for e in expr.all)
    elif isinstance(expr, AnyExpr):
        text = " or ".join(expr_label(kb, e, nested=True) for e in expr.any)
    else:
        assert isinstance(expr, AtLeastExpr)
        items = "; ".join(expr_label(kb, e, nested=True) for e in expr.of)
        text = f"at least {expr.at_least} of: {items}"
    return f"({text})" if nested else text
