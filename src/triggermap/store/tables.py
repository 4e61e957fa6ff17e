"""The tables: one person's records, all erased with the person (ON DELETE CASCADE).

Times are UTC (`UTCDateTime` stores naive UTC on SQLite and `timestamptz` on PostgreSQL, and
always returns aware UTC datetimes). Ids are random strings made by the repositories, so a
person's records keep their ids through export and import.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime in, an aware UTC datetime out, on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store times as aware UTC datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


def _person_fk() -> Mapped[str]:
    return mapped_column(String(32), ForeignKey("person.id", ondelete="CASCADE"), nullable=False)


def _score(name: str) -> CheckConstraint:
    return CheckConstraint(f"{name} BETWEEN 0 AND 10", name=f"{name}_0_10")


class Person(Base):
    __tablename__ = "person"
    # A label names one person (0004): two requests adding the same label at once cannot both
    # pass the check in `store.people.add_person`; the index makes the second one fail.
    __table_args__ = (Index("ix_person_label_unique", "label", unique=True),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    birth_year: Mapped[int | None]
    sex: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime]


class Assessment(Base):
    __tablename__ = "assessment"
    __table_args__ = (Index("ix_assessment_person_created", "person_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[str] = _person_fk()
    created_at: Mapped[datetime]
    knowledge_version: Mapped[str] = mapped_column(String(64))
    case: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any]]


class CarePlan(Base):
    __tablename__ = "care_plan"
    __table_args__ = (UniqueConstraint("person_id", "version", name="uq_care_plan_person_version"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[str] = _person_fk()
    version: Mapped[int]
    created_at: Mapped[datetime]
    knowledge_version: Mapped[str] = mapped_column(String(64))
    plan: Mapped[dict[str, Any]]


class DiaryEntry(Base):
    __tablename__ = "diary_entry"
    __table_args__ = (
        Index("ix_diary_entry_person_date", "person_id", "entry_date"),
        _score("pain"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[str] = _person_fk()
    entry_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime]
    pain: Mapped[int] = mapped_column(Integer)
    regions: Mapped[list[str]]
    symptoms: Mapped[list[str]]
    note: Mapped[str | None] = mapped_column(Text)
    self_care: Mapped[bool]


class PegScore(Base):
    """PEG: average Pain, interference with Enjoyment of life and with General activity, 0-10
    each; its score is their mean (Krebs 2009, source key krebs_2009), computed, not stored."""

    __tablename__ = "peg_score"
    __table_args__ = (
        Index("ix_peg_score_person_date", "person_id", "entry_date"),
        _score("pain"),
        _score("enjoyment"),
        _score("activity"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[str] = _person_fk()
    entry_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime]
    pain: Mapped[int]
    enjoyment: Mapped[int]
    activity: Mapped[int]


class SelfCareSession(Base):
    __tablename__ = "self_care_session"
    __table_args__ = (
        Index("ix_self_care_session_person_started", "person_id", "started_at"),
        CheckConstraint(
            "pain_after IS NULL OR pain_after BETWEEN 0 AND 10", name="pain_after_0_10"
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    person_id: Mapped[str] = _person_fk()
    started_at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    plan_version: Mapped[int | None]
    items_done: Mapped[list[str]]
    pain_after: Mapped[int | None]
    note: Mapped[str | None] = mapped_column(Text)


class RequestReply(Base):
    """The reply to a write sent with an `Idempotency-Key` (the API): a retry with the same key
    gets this reply instead of writing again. `scope` is a hash of the access token the request
    carried (never the token); `status` is NULL while the write has committed but its reply is
    not kept yet."""

    __tablename__ = "request_reply"
    __table_args__ = (Index("ix_request_reply_created_at", "created_at"),)

    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    status: Mapped[int | None]
    media_type: Mapped[str | None] = mapped_column(String(100))
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
