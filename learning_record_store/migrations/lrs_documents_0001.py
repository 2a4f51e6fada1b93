"""record store: state, activity profile and agent profile documents

Revision ID: lrs_documents_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "lrs_documents_0001"
down_revision = None
branch_labels = ("lrs_documents",)
depends_on = None


def _document_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("scope_hash", sa.String(64), nullable=False),
        sa.Column("document_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("etag", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "lrs_document_state",
        *_document_columns(),
        sa.Column("activity_id", sa.Text(), nullable=False),
        sa.Column("agent", sa.Text(), nullable=False),
        sa.Column("registration", sa.String(36), nullable=False),
    )
    op.create_index(
        "ix_lrs_document_state_scope", "lrs_document_state", ["scope_hash", "registration", "updated_at"]
    )
    op.create_table(
        "lrs_document_activity_profile",
        *_document_columns(),
        sa.Column("activity_id", sa.Text(), nullable=False),
    )
    op.create_index(
        "ix_lrs_document_activity_profile_scope",
        "lrs_document_activity_profile",
        ["scope_hash", "updated_at"],
    )
    op.create_table(
        "lrs_document_agent_profile",
        *_document_columns(),
        sa.Column("agent", sa.Text(), nullable=False),
    )
    op.create_index(
        "ix_lrs_document_agent_profile_scope", "lrs_document_agent_profile", ["scope_hash", "updated_at"]
    )


def downgrade() -> None:
    op.drop_table("lrs_document_agent_profile")
    op.drop_table("lrs_document_activity_profile")
    op.drop_table("lrs_document_state")
