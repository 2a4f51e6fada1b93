"""record store: forwarding outbox and its targets

Revision ID: lrs_documents_0002
Revises: lrs_documents_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "lrs_documents_0002"
down_revision = "lrs_documents_0001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "lrs_outbox_target",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("last_sequence", sa.BigInteger(), nullable=False),
        sa.Column("leased_by", sa.String(64), nullable=True),
        sa.Column("leased_until", sa.String(32), nullable=True),
    )
    op.create_table(
        "lrs_outbox",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("target", sa.String(100), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("statement_id", sa.String(36), nullable=False),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.String(32), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.String(32), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("target", "sequence", name="uq_lrs_outbox_target_sequence"),
    )
    op.create_index("ix_lrs_outbox_pending", "lrs_outbox", ["target", "delivered_at", "sequence"])
    op.create_index("ix_lrs_outbox_statement_id", "lrs_outbox", ["statement_id"])


def downgrade() -> None:
    op.drop_table("lrs_outbox")
    op.drop_table("lrs_outbox_target")
