"""assessments: attempts, responses, module progress, team assignments

Revision ID: assessments_0001
Revises:
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "assessments_0001"
down_revision = None
branch_labels = ("assessments",)
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "assessment_attempt",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("registration", sa.String(36), nullable=False, unique=True),
        sa.Column("learner_id", sa.String(36), nullable=False),
        sa.Column("quiz_id", sa.String(100), nullable=False),
        sa.Column("quiz_version", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.String(100), nullable=True),
        sa.Column("module_version", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("question_ids", sa.JSON(), nullable=False),
        sa.Column("choice_order", sa.JSON(), nullable=False),
        sa.Column("started_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.Column("deadline", WHEN, nullable=True),
        sa.Column("suspended_at", WHEN, nullable=True),
        sa.Column("submitted_at", WHEN, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("score_raw", sa.Float(), nullable=True),
        sa.Column("score_max", sa.Float(), nullable=True),
        sa.Column("score_scaled", sa.Float(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("awaiting_review", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("learner_id", "quiz_id", "number"),
    )
    op.create_index("ix_assessment_attempt_learner_id", "assessment_attempt", ["learner_id"])
    op.create_table(
        "assessment_response",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "attempt_id", sa.Integer(), sa.ForeignKey("assessment_attempt.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("saved_at", WHEN, nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("is_correct", sa.Boolean(), nullable=True),
        sa.Column("awaiting_review", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("attempt_id", "question_id"),
    )
    op.create_index("ix_assessment_response_attempt_id", "assessment_response", ["attempt_id"])
    op.create_table(
        "assessment_module_progress",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("registration", sa.String(36), nullable=False, unique=True),
        sa.Column("learner_id", sa.String(36), nullable=False),
        sa.Column("module_id", sa.String(100), nullable=False),
        sa.Column("module_version", sa.Integer(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("pages_seen", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("started_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.Column("completed_at", WHEN, nullable=True),
        sa.UniqueConstraint("learner_id", "module_id", "module_version"),
    )
    op.create_index("ix_assessment_module_progress_learner_id", "assessment_module_progress", ["learner_id"])
    op.create_table(
        "assessment_team_assignment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.String(100), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.UniqueConstraint("team_id", "module_id"),
    )
    op.create_index("ix_assessment_team_assignment_team_id", "assessment_team_assignment", ["team_id"])


def downgrade() -> None:
    op.drop_table("assessment_team_assignment")
    op.drop_table("assessment_module_progress")
    op.drop_table("assessment_response")
    op.drop_table("assessment_attempt")
