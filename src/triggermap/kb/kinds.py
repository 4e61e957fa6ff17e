"""The kinds of entry the knowledge base holds, by name (no schema imported: the CLI lists them
without loading the validation models; `kb.schema.KIND_MODELS` maps each to its model)."""

from __future__ import annotations

KINDS = (
    "regions",
    "muscles",
    "structures",
    "symptoms",
    "history",
    "features",
    "conditions",
    "tests",
    "triage_rules",
    "imaging_rules",
    "treatments",
    "sources",
    "illustrations",
    "codes",
)
