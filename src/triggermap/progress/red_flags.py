"""Which red flags a person's records hold that no assessment has rechecked (pure).

A red flag counts until a later saved assessment answers it (present, absent or not sure): an
assessment that never asked about it does not clear it. Two kinds come out, oldest first, as
diary entries:
- diary entries with a red-flag symptom, keeping only the flags no later assessment answered;
- flags an earlier saved assessment reported (present or not sure) that no later one answered,
  as an entry dated that assessment (the latest assessment's own flags are its case's).
`context_entries` gives the recent diary (the drawing and the pain of the last 6 weeks), so a
flag is triaged with what the person has written lately, not only the entry that held it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo

from triggermap.progress.entries import DiaryEntry, local_day

CONTEXT_DAYS = 42  # the diary read with a flag: the 6 weeks up to it (TRIAGE.md's recent episode)


CARRIED_NOTE = "reported at an earlier assessment, not rechecked since"
UNSURE_NOTE = "answered 'not sure' at an earlier assessment, not rechecked since"


@dataclass(frozen=True, slots=True)
class SavedAnswers:
    """What one saved assessment's case said about symptoms, and when it was saved."""

    at: datetime
    answered: frozenset[str]  # present, absent or not sure
    reported: frozenset[str]  # present or not sure
    pain: int | None = None
    regions: tuple[str, ...] = ()
    unsure: frozenset[str] = frozenset()  # the part of `reported` answered "not sure"


def unseen_red_flags(
    diary: Iterable[DiaryEntry],
    red_flags: frozenset[str],
    saved: Sequence[SavedAnswers],
    *,
    tz: tzinfo,
) -> list[DiaryEntry]:
    """Every red flag no later assessment has answered, as diary entries, oldest first."""
    ordered = sorted(saved, key=lambda a: a.at)
    out: list[DiaryEntry] = []
    for entry in diary:
        open_flags = red_flags.intersection(entry.symptoms) - _answered_after(entry, ordered, tz)
        if open_flags:
            kept = tuple(s for s in entry.symptoms if s in open_flags)
            out.append(entry if kept == entry.symptoms else replace(entry, symptoms=kept))
    for index, earlier in enumerate(ordered[:-1]):
        later = frozenset().union(*(a.answered for a in ordered[index + 1 :]))
        carried = (earlier.reported & red_flags) - later
        for flags, note in (
            (carried - earlier.unsure, CARRIED_NOTE),
            (carried & earlier.unsure, UNSURE_NOTE),
        ):
            if flags:
                out.append(
                    DiaryEntry(
                        day=local_day(earlier.at, tz),
                        pain=earlier.pain or 0,
                        regions=earlier.regions,
                        symptoms=tuple(sorted(flags)),
                        note=note,
                        recorded_at=earlier.at,
                    )
                )
    return sorted(out, key=lambda e: (e.day, e.recorded_at is not None, e.recorded_at))


def context_entries(diary: Iterable[DiaryEntry], today: date) -> list[DiaryEntry]:
    """The diary a person's triage reads as it stands `today`: the CONTEXT_DAYS up to it."""
    return [e for e in diary if today - timedelta(days=CONTEXT_DAYS) <= e.day <= today]


def _answered_after(
    entry: DiaryEntry, ordered: Sequence[SavedAnswers], tz: tzinfo
) -> frozenset[str]:
    return frozenset().union(*(a.answered for a in ordered if _after_entry(a.at, entry, tz)))


def _after_entry(at: datetime, entry: DiaryEntry, tz: tzinfo) -> bool:
    """Was an assessment saved at `at` made after the entry was written?"""
    if entry.recorded_at is not None:
        return at > entry.recorded_at
    return local_day(at, tz) > entry.day
