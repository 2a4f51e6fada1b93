"""assessments: latest answers to the inline knowledge checks of modules

Revision ID: assessments_0002
Revises: assessments_0001
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "assessments_0002"
down_revision = "assessments_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_check_answer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("learner_id", sa.String(36), nullable=False),
        sa.Column("module_id", sa.String(100), nullable=False),
        sa.Column("module_version", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.String(100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("is_correct", sa.Boolean(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("learner_id", "module_id", "module_version", "check_id"),
    )
    op.create_index("ix_assessment_check_answer_learner_id", "assessment_check_answer", ["learner_id"])


def downgrade() -> None:
    op.drop_index("ix_assessment_check_answer_learner_id", table_name="assessment_check_answer")
    op.drop_table("assessment_check_answer")
