"""How often each region hurt: the first two weeks of the diary against the latest two (pure)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from triggermap.progress.entries import DiaryEntry
from triggermap.progress.thresholds import TWO_WEEKS_DAYS


@dataclass(frozen=True, slots=True)
class RegionFrequency:
    """Share of diary days (0..1) on which each region hurt, per window.

    `diary_days` counts only the days whose entries say where it hurt (a region marked, or pain 0:
    nothing hurt). A day recorded with a pain rating and no regions is unknown, not pain-free,
    so it is left out of the share rather than read as 0 % everywhere."""

    days: tuple[date, date]
    diary_days: int
    share: dict[str, float]


def region_frequency(entries: Iterable[DiaryEntry], first: date, last: date) -> RegionFrequency:
    regions_by_day: dict[date, set[str]] = defaultdict(set)
    for entry in entries:
        if first <= entry.day <= last and (entry.regions or entry.pain == 0):
            regions_by_day[entry.day].update(entry.regions)
    counts = Counter(region for regions in regions_by_day.values() for region in regions)
    days = len(regions_by_day)
    share = {region: round(count / days, 3) for region, count in sorted(counts.items()) if days}
    return RegionFrequency((first, last), days, share)


def first_and_latest(
    entries: list[DiaryEntry],
) -> tuple[RegionFrequency, RegionFrequency] | None:
    """The first 14 days from the first entry and the 14 days to the last entry; a diary of
    under four weeks is cut in two halves instead, so the windows never overlap (None for a
    diary of one day: nothing to compare)."""
    if not entries:
        return None
    first_day = min(e.day for e in entries)
    last_day = max(e.day for e in entries)
    days = (last_day - first_day).days + 1
    if days < 2:
        return None
    span = min(TWO_WEEKS_DAYS, days // 2)
    return (
        region_frequency(entries, first_day, first_day + timedelta(days=span - 1)),
        region_frequency(entries, last_day - timedelta(days=span - 1), last_day),
    )
