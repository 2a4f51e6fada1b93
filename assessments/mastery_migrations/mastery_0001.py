"""mastery: running state per learner and competency, and its evidence

Revision ID: mastery_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "mastery_0001"
down_revision = None
branch_labels = ("mastery",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_mastery_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("learner_key", sa.String(300), nullable=False),
        sa.Column("competency_id", sa.String(120), nullable=False),
        sa.Column("fast_sum", sa.Float(), nullable=False),
        sa.Column("fast_weight", sa.Float(), nullable=False),
        sa.Column("slow_sum", sa.Float(), nullable=False),
        sa.Column("slow_weight", sa.Float(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=True),
        sa.Column("estimate", sa.Float(), nullable=True),
        sa.Column("previous_estimate", sa.Float(), nullable=True),
        sa.UniqueConstraint("learner_key", "competency_id"),
    )
    op.create_index("ix_assessment_mastery_state_learner_key", "assessment_mastery_state", ["learner_key"])
    op.create_table(
        "assessment_mastery_evidence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("learner_key", sa.String(300), nullable=False),
        sa.Column("competency_id", sa.String(120), nullable=False),
        sa.Column("statement_id", sa.String(36), nullable=False),
        sa.Column("verb", sa.String(300), nullable=False),
        sa.Column("activity", sa.String(500), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("estimate_after", sa.Float(), nullable=False),
    )
    op.create_index(
        "ix_assessment_mastery_evidence_learner",
        "assessment_mastery_evidence",
        ["learner_key", "competency_id", "at"],
    )


def downgrade() -> None:
    op.drop_table("assessment_mastery_evidence")
    op.drop_table("assessment_mastery_state")
