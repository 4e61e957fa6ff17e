"""Patient: minimal and pseudonymous (standards.md §1.1): an id, the gender, a birth year."""

from __future__ import annotations

from typing import Any

GENDERS = ("female", "male", "other", "unknown")  # a case's `sexes` are FHIR's genders


def build_patient(
    patient_id: str, *, sex: str | None = None, birth_year: int | None = None
) -> dict[str, Any]:
    """No name, no identifier: nothing that names the person leaves triggermap."""
    patient: dict[str, Any] = {"resourceType": "Patient", "id": patient_id}
    if sex in GENDERS:
        patient["gender"] = sex
    if birth_year is not None:
        patient["birthDate"] = f"{birth_year:04d}"
    return patient
