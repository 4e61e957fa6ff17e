"""A label names one person: a unique index on person.label.

The application always refused a label already in use, but two requests adding the same label
at the same moment (the web app and the API share a database) could both pass that check. A
database that already holds such a pair keeps every record: the later person's label gets the
start of its id appended (`P-014 (3f9a1c2b)`), which `triggermap person list` then shows.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, label FROM person ORDER BY created_at, id"))
    seen: set[str] = set()
    for person_id, label in rows.fetchall():
        if label in seen:
            renamed = f"{label[:180]} ({person_id[:8]})"
            connection.execute(
                sa.text("UPDATE person SET label = :label WHERE id = :id"),
                {"label": renamed, "id": person_id},
            )
            label = renamed
        seen.add(label)
    op.create_index("ix_person_label_unique", "person", ["label"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_person_label_unique", table_name="person")
