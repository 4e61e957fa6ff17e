"""Progress: pain diary, PEG scores and self-care sessions, indexed by person and time.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _person_id(table: str) -> sa.Column[str]:
    return sa.Column(
        "person_id",
        sa.String(32),
        sa.ForeignKey("person.id", ondelete="CASCADE", name=op.f(f"fk_{table}_person_id_person")),
        nullable=False,
    )


def _score(table: str, column: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"{column} BETWEEN 0 AND 10", name=op.f(f"ck_{table}_{column}_0_10"))


def _times(*names: str) -> list[sa.Column[object]]:
    return [sa.Column(name, sa.DateTime(timezone=True), nullable=False) for name in names]


def upgrade() -> None:
    op.create_table(
        "diary_entry",
        sa.Column("id", sa.String(32), nullable=False),
        _person_id("diary_entry"),
        sa.Column("entry_date", sa.Date(), nullable=False),
        *_times("recorded_at"),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.Column("symptoms", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("self_care", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diary_entry")),
        _score("diary_entry", "pain"),
    )
    op.create_index("ix_diary_entry_person_date", "diary_entry", ["person_id", "entry_date"])
    op.create_table(
        "peg_score",
        sa.Column("id", sa.String(32), nullable=False),
        _person_id("peg_score"),
        sa.Column("entry_date", sa.Date(), nullable=False),
        *_times("recorded_at"),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("enjoyment", sa.Integer(), nullable=False),
        sa.Column("activity", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peg_score")),
        _score("peg_score", "pain"),
        _score("peg_score", "enjoyment"),
        _score("peg_score", "activity"),
    )
    op.create_index("ix_peg_score_person_date", "peg_score", ["person_id", "entry_date"])
    op.create_table(
        "self_care_session",
        sa.Column("id", sa.String(32), nullable=False),
        _person_id("self_care_session"),
        *_times("started_at", "recorded_at"),
        sa.Column("plan_version", sa.Integer(), nullable=True),
        sa.Column("items_done", sa.JSON(), nullable=False),
        sa.Column("pain_after", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_care_session")),
        sa.CheckConstraint(
            "pain_after IS NULL OR pain_after BETWEEN 0 AND 10",
            name=op.f("ck_self_care_session_pain_after_0_10"),
        ),
    )
    op.create_index(
        "ix_self_care_session_person_started", "self_care_session", ["person_id", "started_at"]
    )


def downgrade() -> None:
    for table, index in (
        ("self_care_session", "ix_self_care_session_person_started"),
        ("peg_score", "ix_peg_score_person_date"),
        ("diary_entry", "ix_diary_entry_person_date"),
    ):
        op.drop_index(index, table_name=table)
        op.drop_table(table)
