"""The patient's FHIR data for one call: from `prefetch`, or fetched from the client's FHIR
server for each key the client left out (CDS Hooks 2.0 §Prefetch).

A missing key means "not fetched", `null` means "no such data". A needed key (`discovery.NEEDED`)
that is missing, or came back as an OperationOutcome, and cannot be fetched raises
`DataUnavailable`, which the router answers with 412.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from triggermap.cds.discovery import NEEDED, PREFETCH
from triggermap.cds.hook import HookCall
from triggermap.errors import InputError, TriggermapError, show_value

EXPECTED = {
    "patient": "Patient",
    "painRatings": "Observation",
    "conditions": "Condition",
    "intake": "QuestionnaireResponse",
}
_ABSENT = object()  # a key neither sent nor fetched


class DataUnavailable(TriggermapError):
    """What the service needs was not sent and could not be fetched (HTTP 412)."""


@dataclass(frozen=True)
class PatientRecord:
    patient: dict[str, Any] | None
    pain_ratings: list[dict[str, Any]]
    conditions: list[dict[str, Any]]
    intake: list[dict[str, Any]]
    fetched: tuple[str, ...] = ()  # keys the service fetched itself


async def gather_record(call: HookCall, timeout_seconds: float) -> PatientRecord:
    values: dict[str, Any] = {}
    fetched = []
    for key in PREFETCH:
        value = call.prefetch.get(key, _ABSENT)
        if _is_outcome(value):
            value = _ABSENT  # the client tried and failed: the same as not sent
        if value is _ABSENT and call.fhir_server is not None:
            value = await _fetch(call, key, timeout_seconds)
            fetched.append(key)
        if value is _ABSENT and key in NEEDED:
            raise DataUnavailable(
                f"prefetch.{key}: not sent, and no FHIR server to fetch it from"
                if call.fhir_server is None
                else f"prefetch.{key}: not sent, and the FHIR server did not give it"
            )
        values[key] = [] if value is _ABSENT else _resources(key, value)
    patients = values["patient"]
    return PatientRecord(
        patient=patients[0] if patients else None,
        pain_ratings=values["painRatings"],
        conditions=values["conditions"],
        intake=values["intake"],
        fetched=tuple(fetched),
    )


def _is_outcome(value: Any) -> bool:
    return isinstance(value, dict) and value.get("resourceType") == "OperationOutcome"


def _resources(key: str, value: Any) -> list[dict[str, Any]]:
    """The resources of one prefetch value: a resource, a Bundle of them, or null."""
    if value is None:
        return []
    if not isinstance(value, dict):
        raise InputError(
            f"prefetch.{key}: expected a FHIR resource or Bundle, got {show_value(value)}"
        )
    kind = value.get("resourceType")
    if kind == "Bundle":
        entries = value.get("entry", [])
        if not isinstance(entries, list):
            raise InputError(f"prefetch.{key}.entry: expected a list, got {show_value(entries)}")
        found = [e.get("resource") for e in entries if isinstance(e, dict)]
        return [r for r in found if isinstance(r, dict) and r.get("resourceType") == EXPECTED[key]]
    if kind != EXPECTED[key]:
        raise InputError(f"prefetch.{key}: {show_value(kind)} is not a {EXPECTED[key]} or a Bundle")
    return [value]


async def _fetch(call: HookCall, key: str, timeout_seconds: float) -> Any:
    """One prefetch query against the client's FHIR server; `_ABSENT` when it fails."""
    import httpx2

    from triggermap.strict_json import parse_json

    query = PREFETCH[key].replace("{{context.patientId}}", call.patient_id)
    headers = {"Accept": "application/fhir+json"}
    if call.access_token:
        headers["Authorization"] = f"Bearer {call.access_token}"
    try:
        async with httpx2.AsyncClient(timeout=timeout_seconds, follow_redirects=False) as client:
            response = await client.get(f"{call.fhir_server}/{query}", headers=headers)
    except httpx2.HTTPError:
        return _ABSENT
    if response.status_code != 200:
        return _ABSENT
    try:
        value = parse_json(response.content, f"fhirServer {key}")
    except InputError:
        return _ABSENT
    return _ABSENT if _is_outcome(value) else value
