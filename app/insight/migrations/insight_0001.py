"""insight: modules assigned to chosen people

Revision ID: insight_0001
Revises:
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "insight_0001"
down_revision = None
branch_labels = ("insight",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "insight_person_assignment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.String(100), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("assigned_by", sa.Integer(), nullable=True),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", "module_id", name="uq_insight_person_assignment_user_id"),
    )
    op.create_index("ix_insight_person_assignment_user_id", "insight_person_assignment", ["user_id"])


def downgrade() -> None:
    op.drop_table("insight_person_assignment")
