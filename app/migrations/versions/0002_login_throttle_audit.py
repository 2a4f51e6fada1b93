"""accounts: login throttling and the audit log

Revision ID: accounts_0002
Revises: accounts_0001
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "accounts_0002"
down_revision = "accounts_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_login_failure",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "account_audit_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("details", sa.String(2000), nullable=False),
    )
    op.create_index("ix_account_audit_event_at", "account_audit_event", ["at"])
    op.create_index("ix_account_audit_event_action", "account_audit_event", ["action"])


def downgrade() -> None:
    op.drop_table("account_audit_event")
    op.drop_table("account_login_failure")
