"""Check that the knowledge base holds every id of the shared case vocabulary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from triggermap.errors import InputError, show_path

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

# vocabulary section -> where the knowledge base keeps those ids
SECTIONS = {
    "regions": "regions",
    "symptoms": "symptoms",
    "history": "history",
    "tests": "tests",
    "muscles": "muscles",
    "conditions": "conditions",
}
EXAM_SECTIONS = ("neuro", "movements", "palpation_findings", "sexes", "onsets", "sides")


def vocabulary_problems(kb: KnowledgeBase, path: Path) -> list[str]:
    """One line per vocabulary id the knowledge base lacks."""
    try:
        vocabulary: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"--vocabulary: cannot read {show_path(path)}: {exc}") from None
    if not isinstance(vocabulary, dict):
        raise InputError(f"--vocabulary: {show_path(path)} is not a vocabulary mapping")
    problems = []
    for section, kind in SECTIONS.items():
        for vocab_id in _ids(vocabulary.get(section)):
            if vocab_id not in kb.kind(kind):
                problems.append(f"{path}: {section} '{vocab_id}': missing from the knowledge base")
    for section in EXAM_SECTIONS:
        have = getattr(kb.exam, section)
        for vocab_id in _ids(vocabulary.get(section)):
            if vocab_id not in have:
                problems.append(f"{path}: {section} '{vocab_id}': missing from exam.yaml")
    return problems


def _ids(section: Any) -> list[str]:
    if isinstance(section, dict):
        return [str(k) for k in section]
    if isinstance(section, list):
        return [str(v) for v in section]
    return []
