"""mentoring: enrolments, relationships, goals, follow-ups, notes, notifications

Revision ID: mentoring_0001
Revises:
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "mentoring_0001"
down_revision = None
branch_labels = ("mentoring",)
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "mentoring_enrolment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), nullable=False, index=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("strengths", sa.String(1000), nullable=False),
        sa.UniqueConstraint("user_id", "role"),
    )
    op.create_table(
        "mentoring_relationship",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("mentor_id", sa.Integer(), nullable=False, index=True),
        sa.Column("mentee_id", sa.Integer(), nullable=False, index=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("cadence", sa.String(12), nullable=False),
        sa.Column("checkin_minutes", sa.Integer(), nullable=False),
        sa.Column("next_checkin_at", TZ, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "mentoring_goal",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("relationship_id", sa.Integer(),
                  sa.ForeignKey("mentoring_relationship.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.String(500), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("is_met", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "mentoring_followup",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("relationship_id", sa.Integer(),
                  sa.ForeignKey("mentoring_relationship.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("competency_id", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("activity_id", sa.String(120), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("completes", sa.String(500), nullable=False),
        sa.Column("effort_minutes", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.String(120), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("assigned_at", TZ, nullable=False),
        sa.Column("reflection", sa.Text(), nullable=False),
        sa.Column("submitted_at", TZ, nullable=True),
        sa.Column("confirmed_at", TZ, nullable=True),
        sa.Column("mentor_feedback", sa.Text(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
    )
    op.create_table(
        "mentoring_note",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("relationship_id", sa.Integer(),
                  sa.ForeignKey("mentoring_relationship.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("is_shared", sa.Boolean(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "mentoring_notification",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), nullable=False, index=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("message", sa.String(500), nullable=False),
        sa.Column("link", sa.String(300), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("read_at", TZ, nullable=True),
        sa.Column("emailed_at", TZ, nullable=True),
        sa.Column("dedupe_key", sa.String(120), nullable=True, unique=True),
    )


def downgrade() -> None:
    for table in ("mentoring_notification", "mentoring_note", "mentoring_followup", "mentoring_goal",
                  "mentoring_relationship", "mentoring_enrolment"):
        op.drop_table(table)
