"""record store: forwarding leases apart from the sequence counters

Revision ID: lrs_documents_0003
Revises: lrs_documents_0002
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "lrs_documents_0003"
down_revision = "lrs_documents_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lrs_outbox_lease",
        sa.Column("target", sa.String(100), primary_key=True),
        sa.Column("leased_by", sa.String(64), nullable=True),
        sa.Column("leased_until", sa.String(32), nullable=True),
    )
    with op.batch_alter_table("lrs_outbox_target") as batch:
        batch.drop_column("leased_until")
        batch.drop_column("leased_by")


def downgrade() -> None:
    with op.batch_alter_table("lrs_outbox_target") as batch:
        batch.add_column(sa.Column("leased_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("leased_until", sa.String(32), nullable=True))
    op.drop_table("lrs_outbox_lease")
