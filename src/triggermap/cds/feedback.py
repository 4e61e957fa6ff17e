"""The feedback endpoint's body (CDS Hooks 2.0 §Feedback), parsed, checked and kept.

Kept in memory only (the last `FeedbackLog.size` items): which card, accepted or overridden,
when, and the override reason's code. No patient data is in feedback, and none is added.
"""

from __future__ import annotations

import uuid
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from triggermap.errors import InputError, show_value
from triggermap.fhir.dates import fhir_time

OUTCOMES = ("accepted", "overridden")


@dataclass(frozen=True)
class Feedback:
    card: str
    outcome: str
    outcome_timestamp: str
    accepted_suggestions: tuple[str, ...] = ()
    override_reason: str | None = None  # the reason's code
    known_card: bool = True  # the card was issued by this service (since it started)


class FeedbackLog:
    def __init__(self, size: int = 10_000) -> None:
        self.items: deque[Feedback] = deque(maxlen=size)
        self.issued: deque[str] = deque(maxlen=size)  # card uuids, newest last

    def issue(self, cards: list[dict[str, Any]]) -> None:
        self.issued.extend(c["uuid"] for c in cards if "uuid" in c)

    def record(self, items: list[Feedback]) -> None:
        issued = set(self.issued)
        for item in items:
            self.items.append(_with_known(item, item.card in issued))


def _with_known(item: Feedback, known: bool) -> Feedback:
    return Feedback(
        item.card,
        item.outcome,
        item.outcome_timestamp,
        item.accepted_suggestions,
        item.override_reason,
        known,
    )


def parse_feedback(data: Any, *, now: datetime) -> list[Feedback]:
    """The feedback items; `now` bounds their times (the one date rule: 1900 up to now)."""
    if not isinstance(data, dict) or not isinstance(data.get("feedback"), list):
        raise InputError("feedback: expected an object with a list 'feedback'")
    return [_item(item, f"feedback[{i}]", now) for i, item in enumerate(data["feedback"])]


def _item(item: Any, where: str, now: datetime) -> Feedback:
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected an object, got {show_value(item)}")
    card = _uuid(item.get("card"), f"{where}.card")
    outcome = item.get("outcome")
    if outcome not in OUTCOMES:
        raise InputError(f"{where}.outcome: {show_value(outcome)} is not accepted or overridden")
    stamp = item.get("outcomeTimestamp")
    if not isinstance(stamp, str) or not _is_instant(stamp):
        raise InputError(f"{where}.outcomeTimestamp: {show_value(stamp)} is not an RFC 3339 time")
    fhir_time(stamp, f"{where}.outcomeTimestamp", now)
    accepted = item.get("acceptedSuggestions", [])
    if not isinstance(accepted, list) or not all(isinstance(a, dict) for a in accepted):
        raise InputError(f"{where}.acceptedSuggestions: expected a list of objects")
    ids = tuple(
        _uuid(a.get("id"), f"{where}.acceptedSuggestions[{i}].id") for i, a in enumerate(accepted)
    )
    return Feedback(card, str(outcome), stamp, ids, _reason(item.get("overrideReason"), where))


def _uuid(value: Any, where: str) -> str:
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value))
        except ValueError:
            pass
    raise InputError(f"{where}: {show_value(value)} is not a UUID")


def _is_instant(text: str) -> bool:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in text and moment.tzinfo is not None


def _reason(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputError(f"{where}.overrideReason: expected an object, got {show_value(value)}")
    reason = value.get("reason")
    if reason is None:
        return None
    if not isinstance(reason, dict) or not isinstance(reason.get("code"), str):
        raise InputError(f"{where}.overrideReason.reason: expected a Coding with a code")
    return str(reason["code"])
