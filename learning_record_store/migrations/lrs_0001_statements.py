"""record store: clients, statements, statement index, activities

Revision ID: lrs_statements_0001
Revises:
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "lrs_statements_0001"
down_revision = None
branch_labels = ("lrs_statements",)
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "lrs_client",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("secret_salt", sa.String(64), nullable=False),
        sa.Column("secret_hash", sa.String(128), nullable=False),
        sa.Column("scopes", sa.String(255), nullable=False),
        sa.Column("authority", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32), nullable=True),
    )
    op.create_table(
        "lrs_statement",
        sa.Column("pk", BigId, primary_key=True, autoincrement=True),
        sa.Column("statement_id", sa.String(36), nullable=False, unique=True),
        sa.Column("verb_id", sa.Text(), nullable=False),
        sa.Column("actor_key", sa.String(32), nullable=False),
        sa.Column("object_activity_id", sa.Text(), nullable=True),
        sa.Column("object_statement_id", sa.String(36), nullable=True),
        sa.Column("registration", sa.String(36), nullable=True),
        sa.Column("authority_key", sa.String(32), nullable=False),
        sa.Column("stored", sa.String(32), nullable=False),
        sa.Column("is_voided", sa.Boolean(), nullable=False),
        sa.Column("is_voiding", sa.Boolean(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
    )
    op.create_index("ix_lrs_statement_stored", "lrs_statement", ["stored", "pk"])
    op.create_index("ix_lrs_statement_object_statement_id", "lrs_statement", ["object_statement_id"])
    op.create_index("ix_lrs_statement_authority_key", "lrs_statement", ["authority_key", "pk"])
    op.create_table(
        "lrs_statement_index",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column(
            "statement_pk", BigId, sa.ForeignKey("lrs_statement.pk", ondelete="CASCADE"), primary_key=True
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "lrs_activity",
        sa.Column("activity_id", sa.String(2048), primary_key=True),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("updated", sa.String(32), nullable=False),
    )
    op.create_table(
        "lrs_attachment",
        sa.Column("sha2", sa.String(128), primary_key=True),
        sa.Column("content_type", sa.String(255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("lrs_attachment")
    op.drop_table("lrs_activity")
    op.drop_table("lrs_statement_index")
    op.drop_table("lrs_statement")
    op.drop_table("lrs_client")
