"""practice: FSRS cards per learner and question, drills and their answers

Revision ID: practice_0001
Revises:
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "practice_0001"
down_revision = None
branch_labels = ("practice",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_practice_card",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("learner_id", sa.String(36), nullable=False),
        sa.Column("item_key", sa.String(300), nullable=False),
        sa.Column("state", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_review", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.UniqueConstraint("learner_id", "item_key"),
    )
    op.create_index("ix_assessment_practice_card_due", "assessment_practice_card", ["learner_id", "due"])
    op.create_table(
        "assessment_practice_drill",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("registration", sa.String(36), nullable=False, unique=True),
        sa.Column("learner_id", sa.String(36), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shown_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_assessment_practice_drill_learner_id", "assessment_practice_drill", ["learner_id"])
    op.create_table(
        "assessment_practice_answer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "drill_id",
            sa.Integer(),
            sa.ForeignKey("assessment_practice_drill.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(300), nullable=False),
        sa.Column("response", sa.JSON(), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("is_correct", sa.Boolean(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("competencies", sa.JSON(), nullable=False),
        sa.UniqueConstraint("drill_id", "position"),
    )


def downgrade() -> None:
    op.drop_table("assessment_practice_answer")
    op.drop_table("assessment_practice_drill")
    op.drop_table("assessment_practice_card")
