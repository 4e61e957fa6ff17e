"""Full-text search over every entry of the knowledge base."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from triggermap.kb.schema import KIND_MODELS, dump

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase


class Hit(NamedTuple):
    kind: str
    id: str
    title: str
    snippet: str


def search_knowledge(kb: KnowledgeBase, text: str, *, limit: int = 50) -> list[Hit]:
    """Entries whose text contains every word of `text` (case-insensitive), in kind order."""
    from triggermap.kb.schema import entry_title

    words = [w.lower() for w in text.split() if w.strip()]
    hits: list[Hit] = []
    if not words:
        return hits
    for kind in KIND_MODELS:
        for entry_id, entry in kb.kind(kind).items():
            body = " · ".join(_texts(dump(entry)))
            lowered = body.lower()
            if all(w in lowered for w in words):
                at = lowered.find(words[0])
                snippet = " ".join(body[max(0, at - 40) : at + 60].split())
                hits.append(Hit(kind.replace("_", "-"), entry_id, entry_title(entry), snippet))
                if len(hits) >= limit:
                    return hits
    return hits


def _texts(value: Any) -> list[str]:
    """Every string inside an entry, in order: what a person would read."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []
