"""playbook: published versions of the follow-up playbook

Revision ID: playbook_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "playbook_0001"
down_revision = None
branch_labels = ("playbook",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "course_playbook_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("competency_id", sa.String(120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("source_path", sa.String(500), nullable=False),
        sa.Column("compiled", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("competency_id", "version", name="uq_course_playbook_version"),
    )
    op.create_index("ix_course_playbook_version_competency_id", "course_playbook_version", ["competency_id"])


def downgrade() -> None:
    op.drop_table("course_playbook_version")
