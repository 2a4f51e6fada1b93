"""courses: retired items (published once, source file since removed)

Revision ID: courses_0002
Revises: courses_0001
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "courses_0002"
down_revision = "courses_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "course_retired_item",
        sa.Column("kind", sa.String(40), primary_key=True),
        sa.Column("item_id", sa.String(120), primary_key=True),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("course_retired_item")
