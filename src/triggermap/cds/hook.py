"""A hook call's request body, parsed and checked (CDS Hooks 2.0 §HTTP Request).

Every error is an `InputError` of one line naming the field and the value; the router turns it
into a 400 problem response.
"""

from __future__ import annotations

import ipaddress
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from triggermap.cds.discovery import HOOK
from triggermap.errors import InputError, show_value


@dataclass(frozen=True)
class HookCall:
    hook_instance: str
    patient_id: str
    user_id: str | None
    fhir_server: str | None
    access_token: str | None  # short-lived: used for this call's fetches, never stored
    prefetch: dict[str, Any] = field(default_factory=dict)


def parse_hook_call(data: Any) -> HookCall:
    if not isinstance(data, dict):
        raise InputError(f"request: expected a JSON object, got {show_value(data)}")
    if data.get("hook") != HOOK:
        raise InputError(f"hook: {show_value(data.get('hook'))} is not {HOOK!r}")
    instance = _text(data, "hookInstance")
    try:
        uuid.UUID(instance)
    except ValueError:
        raise InputError(f"hookInstance: {show_value(instance)} is not a UUID") from None
    context = data.get("context")
    if not isinstance(context, dict):
        raise InputError(f"context: expected an object, got {show_value(context)}")
    prefetch = data.get("prefetch", {})
    if not isinstance(prefetch, dict):
        raise InputError(f"prefetch: expected an object, got {show_value(prefetch)}")
    return HookCall(
        hook_instance=instance,
        patient_id=_patient_id(context),
        user_id=context.get("userId") if isinstance(context.get("userId"), str) else None,
        fhir_server=_fhir_server(data.get("fhirServer")),
        access_token=_access_token(data.get("fhirAuthorization")),
        prefetch=prefetch,
    )


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise InputError(f"{name}: expected a string, got {show_value(value)}")
    return value


def _patient_id(context: dict[str, Any]) -> str:
    value = context.get("patientId")
    if not isinstance(value, str) or not value or len(value) > 64:
        raise InputError(f"context.patientId: expected a FHIR id, got {show_value(value)}")
    if not all(c.isalnum() or c in "-." for c in value):
        raise InputError(f"context.patientId: {show_value(value)} is not a FHIR id")
    return value


def _fhir_server(value: Any) -> str | None:
    """https, or http only to this machine (a local test server): a token never goes out in
    clear text."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"fhirServer: expected a URL, got {show_value(value)}")
    parts = urlsplit(value)
    if parts.scheme == "https" and parts.hostname:
        return value.rstrip("/")
    if parts.scheme == "http" and _loopback(parts.hostname):
        return value.rstrip("/")
    raise InputError(f"fhirServer: {show_value(value)} is not an https URL")


def _loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _access_token(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(f"fhirAuthorization: expected an object, got {show_value(value)}")
    token = value.get("access_token")
    if not isinstance(token, str) or not token:
        raise InputError("fhirAuthorization.access_token: expected a string")
    if value.get("token_type") != "Bearer":
        raise InputError(
            f"fhirAuthorization.token_type: {show_value(value.get('token_type'))} is not 'Bearer'"
        )
    return token
