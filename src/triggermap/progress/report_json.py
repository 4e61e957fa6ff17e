"""`ProgressReport` as JSON: dates as YYYY-MM-DD, times as ISO 8601 UTC, keys stable."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from triggermap.progress.thresholds import PEG_SOURCE

if TYPE_CHECKING:
    from triggermap.progress.entries import PegScore
    from triggermap.progress.report import ProgressReport


def report_to_json(report: ProgressReport) -> dict[str, Any]:
    data: dict[str, Any] = {
        "today": report.today.isoformat(),
        "escalations": [plain(e) for e in report.escalations],
        "first_day": plain(report.first_day),
        "last_day": plain(report.last_day),
        "days_since_last_entry": report.days_since_last_entry,
        "weeks_followed": report.weeks_followed,
        "diary_entries": report.diary_entries,
        "pain": plain(report.pain),
        "improvement_threshold": report.improvement_threshold(),
        "mcid": {
            "points": report.rules.mcid_points,
            "fraction": report.rules.mcid_fraction,
            "source": report.rules.mcid_source,
        },
        "trend": plain(report.trend),
        "peg": None,
        "adherence": plain(report.adherence),
        "regions": None,
        "red_flag_entries": [plain(e) for e in report.red_flag_entries],
    }
    if report.peg is not None:
        data["peg"] = {
            "first": peg_json(report.peg.first),
            "latest": peg_json(report.peg.latest),
            "points": report.peg.points,
            "source": PEG_SOURCE,
        }
    if report.regions is not None:
        first, latest = report.regions
        data["regions"] = {"first_two_weeks": plain(first), "latest_two_weeks": plain(latest)}
    return data


def peg_json(score: PegScore) -> dict[str, Any]:
    data = plain(score)
    data["score"] = score.score
    return dict(data)


def plain(value: Any) -> Any:
    """Dataclasses, tuples, dates and datetimes as JSON values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
