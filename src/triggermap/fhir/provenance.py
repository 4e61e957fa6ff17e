"""Device and Provenance: which triggermap and which knowledge base made the resources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from triggermap import __version__
from triggermap.fhir.terminology import (
    KNOWLEDGE_VERSION,
    PROVENANCE_AGENT,
    local_coding,
    reference,
    resource_id,
)

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase


def build_device(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "resourceType": "Device",
        "id": resource_id("Device", "triggermap"),
        "deviceName": [{"name": "triggermap", "type": "manufacturer-name"}],
        "version": [
            {"type": {"text": "software"}, "value": __version__},
            {"type": {"text": "knowledge base"}, "value": kb.version},
        ],
    }


def build_provenance(
    kb: KnowledgeBase,
    *,
    key: str,
    targets: Sequence[dict[str, Any]],
    device: dict[str, Any],
    recorded: str,
) -> dict[str, Any]:
    """`recorded` is an instant (ISO date-time with a zone)."""
    return {
        "resourceType": "Provenance",
        "id": resource_id(key, "Provenance"),
        "target": [reference(t) for t in targets],
        "recorded": recorded,
        "agent": [
            {
                "type": {"coding": [local_coding(PROVENANCE_AGENT, "assembler", "Assembler")]},
                "who": reference(device),
            }
        ],
        "entity": [
            {
                "role": "source",
                "what": {
                    "identifier": {"system": KNOWLEDGE_VERSION, "value": kb.version},
                    "display": f"{kb.manifest.name} {kb.version}",
                },
            }
        ],
    }
