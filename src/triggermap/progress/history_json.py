"""`History` from the JSON of `services.records.person_history` (for charts drawn elsewhere)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from triggermap.progress.entries import DiaryEntry, PegScore, SelfCareSession
from triggermap.progress.report import History


def history_from_json(data: dict[str, Any]) -> History:
    return History(
        diary=tuple(_diary(item) for item in data.get("diary", [])),
        peg=tuple(_peg(item) for item in data.get("peg", [])),
        sessions=tuple(_session(item) for item in data.get("sessions", [])),
    )


def _diary(item: dict[str, Any]) -> DiaryEntry:
    return DiaryEntry(
        day=date.fromisoformat(item["day"]),
        pain=int(item["pain"]),
        regions=tuple(item.get("regions", ())),
        symptoms=tuple(item.get("symptoms", ())),
        note=item.get("note"),
        self_care=bool(item.get("self_care", False)),
        id=item.get("id"),
        recorded_at=_time(item.get("recorded_at")),
    )


def _peg(item: dict[str, Any]) -> PegScore:
    return PegScore(
        day=date.fromisoformat(item["day"]),
        pain=int(item["pain"]),
        enjoyment=int(item["enjoyment"]),
        activity=int(item["activity"]),
        id=item.get("id"),
        recorded_at=_time(item.get("recorded_at")),
    )


def _session(item: dict[str, Any]) -> SelfCareSession:
    started = _time(item["started_at"])
    assert started is not None
    return SelfCareSession(
        started_at=started,
        items_done=tuple(item.get("items_done", ())),
        pain_after=item.get("pain_after"),
        plan_version=item.get("plan_version"),
        note=item.get("note"),
        id=item.get("id"),
        recorded_at=_time(item.get("recorded_at")),
    )


def _time(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)
