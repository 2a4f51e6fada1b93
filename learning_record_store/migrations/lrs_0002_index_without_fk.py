"""record store: the statement index rows without a foreign key

Every index row is written right after its statement, in the same transaction, with the key the insert
returned, and statements are never deleted. The foreign key only re-checked that for each of the ten or
so rows a statement has: on PostgreSQL the check cost as much as the index insert itself.

Revision ID: lrs_statements_0002
Revises: lrs_statements_0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "lrs_statements_0002"
down_revision = "lrs_statements_0001"
branch_labels = None
depends_on = None

TABLE = "lrs_statement_index"


def _rebuild_sqlite(references: str) -> None:
    """SQLite cannot drop or add a foreign key: copy the rows into a table defined the new way."""
    op.execute(
        f"CREATE TABLE {TABLE}_new (key VARCHAR(32) NOT NULL, statement_pk INTEGER NOT NULL{references}, "
        "PRIMARY KEY (key, statement_pk)) WITHOUT ROWID"
    )
    op.execute(f"INSERT INTO {TABLE}_new (key, statement_pk) SELECT key, statement_pk FROM {TABLE}")
    op.execute(f"DROP TABLE {TABLE}")
    op.execute(f"ALTER TABLE {TABLE}_new RENAME TO {TABLE}")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite("")
        return
    for foreign_key in sa.inspect(bind).get_foreign_keys(TABLE):
        op.drop_constraint(foreign_key["name"], TABLE, type_="foreignkey")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(" REFERENCES lrs_statement (pk) ON DELETE CASCADE")
        return
    op.create_foreign_key(
        "lrs_statement_index_statement_pk_fkey",
        TABLE,
        "lrs_statement",
        ["statement_pk"],
        ["pk"],
        ondelete="CASCADE",
    )
