"""Code systems, codings from the knowledge base, deterministic ids and references."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Code

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
UCUM = "http://unitsofmeasure.org"
GENDER = "http://hl7.org/fhir/administrative-gender"
YES_NO = "http://terminology.hl7.org/CodeSystem/v2-0136"
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
PROVENANCE_AGENT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
LATERALITY_EXTENSION = "http://hl7.org/fhir/StructureDefinition/observation-structureLaterality"

BASE = "https://triggermap.org/fhir"
BODY_REGION = f"{BASE}/CodeSystem/body-region"
FINDING = f"{BASE}/CodeSystem/finding"
CASE_FIELD = f"{BASE}/CodeSystem/case"  # onset, side, history: ids of spec/vocabulary.yaml
OBSERVATION_CODE = f"{BASE}/CodeSystem/observation"
KNOWLEDGE_VERSION = f"{BASE}/knowledge-version"
CASE_ID = f"{BASE}/case-id"
PERSON_LABEL = f"{BASE}/person-label"  # a Patient's pseudonymous label (export and import)

SYSTEMS = {"snomed": SNOMED, "icd10cm": ICD10CM, "loinc": LOINC}
NAMESPACE = uuid.UUID("8f3e2b0c-5d1a-4c6e-9b7a-2f4d6e8a1c3b")  # triggermap's own, fixed


def coding(code: Code) -> dict[str, str]:
    """A knowledge-base code as a FHIR Coding."""
    return {"system": SYSTEMS[code.system], "code": code.code, "display": code.display}


def named_coding(kb: KnowledgeBase, key: str) -> dict[str, str]:
    """A coding from `codes.yaml` (LOINC of a rating, a laterality, the exercise procedure)."""
    return coding(kb.codes[key].code)


def local_coding(system: str, code: str, display: str) -> dict[str, str]:
    return {"system": system, "code": code, "display": display}


def resource_id(*parts: str) -> str:
    """A stable id: the same parts give the same id in every run (golden files, re-exports)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def full_url(resource: dict[str, Any]) -> str:
    """`urn:uuid:` and the id when it is a UUID; else a UUID made from the type and the id
    (a person's records keep their own ids, which are not all UUIDs)."""
    given = str(resource["id"])
    try:
        if str(uuid.UUID(given)) == given:
            return f"urn:uuid:{given}"
    except ValueError:
        pass
    made = uuid.uuid5(NAMESPACE, f"{resource['resourceType']}/{given}")
    return f"urn:uuid:{made}"


def reference(resource: dict[str, Any]) -> dict[str, str]:
    """A reference to a resource of the same Bundle (its urn:uuid full URL)."""
    return {"reference": full_url(resource)}
