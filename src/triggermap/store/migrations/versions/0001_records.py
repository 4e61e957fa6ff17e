"""Records: people, their assessments and their versioned care plans.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _person_id(table: str) -> sa.Column[str]:
    return sa.Column(
        "person_id",
        sa.String(32),
        sa.ForeignKey("person.id", ondelete="CASCADE", name=op.f(f"fk_{table}_person_id_person")),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("sex", sa.String(16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    op.create_table(
        "assessment",
        sa.Column("id", sa.String(32), nullable=False),
        _person_id("assessment"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("knowledge_version", sa.String(64), nullable=False),
        sa.Column("case", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    op.create_index("ix_assessment_person_created", "assessment", ["person_id", "created_at"])
    op.create_table(
        "care_plan",
        sa.Column("id", sa.String(32), nullable=False),
        _person_id("care_plan"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("knowledge_version", sa.String(64), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_plan")),
        sa.UniqueConstraint("person_id", "version", name="uq_care_plan_person_version"),
    )


def downgrade() -> None:
    op.drop_table("care_plan")
    op.drop_index("ix_assessment_person_created", table_name="assessment")
    op.drop_table("assessment")
    op.drop_table("person")
