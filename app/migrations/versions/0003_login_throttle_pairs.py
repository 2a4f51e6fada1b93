"""accounts: sign-in throttling per (email, address) pair with a growing wait

Revision ID: accounts_0003
Revises: accounts_0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "accounts_0003"
down_revision = "accounts_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Old rows were keyed by email alone, which locked an account from every address: drop them.
    op.execute("DELETE FROM account_login_failure")
    with op.batch_alter_table("account_login_failure") as batch:
        batch.add_column(sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.execute("DELETE FROM account_login_failure")
    with op.batch_alter_table("account_login_failure") as batch:
        batch.drop_column("blocked_until")
        batch.drop_column("last_failure_at")
