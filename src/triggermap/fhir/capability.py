"""The server's CapabilityStatement (`GET /fhir/metadata`): what a FHIR client asks first to
learn what this server offers. triggermap's FHIR side is read-only and small, and the
statement says exactly that: the Patient `$everything` operation, the intake Questionnaire and
the body-region CodeSystem, JSON only, behind the access token `triggermap serve` prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from triggermap import __version__

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

FHIR_VERSION = "4.0.1"
EVERYTHING = "http://hl7.org/fhir/OperationDefinition/Patient-everything"


def capability_statement(kb: KnowledgeBase) -> dict[str, Any]:
    read = [{"code": "read"}]
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": kb.manifest.released,
        "publisher": "triggermap contributors",
        "kind": "instance",
        "software": {"name": "triggermap", "version": __version__},
        "implementation": {
            "description": "triggermap on this machine: a person's records, read-only, "
            f"knowledge {kb.version}"
        },
        "fhirVersion": FHIR_VERSION,
        "format": ["json"],
        "rest": [
            {
                "mode": "server",
                "security": {
                    "description": "Send the access token that `triggermap serve` printed as "
                    "'Authorization: Bearer <token>'."
                },
                "resource": [
                    {
                        "type": "Patient",
                        "operation": [{"name": "everything", "definition": EVERYTHING}],
                    },
                    {"type": "Questionnaire", "interaction": read},
                    {"type": "CodeSystem", "interaction": read},
                ],
            }
        ],
    }
