"""The clocks and time zones the application can be given (see `services.ports.Clock`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo


class SystemClock:
    """The machine's clock, as an aware UTC moment."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class FixedClock:
    """A clock that always says `moment` (tests, scripts that pin a day)."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment


class SystemZone(tzinfo):
    """The machine's own time zone, with its daylight-saving changes (what a bare
    `datetime.astimezone()` uses), as a tzinfo that can be passed around."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None if dt is None else _local(dt).utcoffset()

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None if dt is None else _local(dt).dst()

    def tzname(self, dt: datetime | None) -> str | None:
        return None if dt is None else _local(dt).tzname()

    def fromutc(self, dt: datetime) -> datetime:
        return dt.replace(tzinfo=UTC).astimezone().replace(tzinfo=self)

    def __repr__(self) -> str:
        return "SystemZone()"


def _local(dt: datetime) -> datetime:
    """A wall-clock time of this machine, made aware."""
    return dt.replace(tzinfo=None).astimezone()
