"""courses: published module, quiz and framework versions, media blobs, build cache

Revision ID: courses_0001
Revises:
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "courses_0001"
down_revision = None
branch_labels = ("courses",)
depends_on = None


def _version_table(name: str, item_column: str, extra: list[sa.Column]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(item_column, sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        *extra,
        sa.Column("source_path", sa.String(500), nullable=False),
        sa.Column("compiled", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(item_column, "version", name=f"uq_{name}"),
    )
    op.create_index(f"ix_{name}_{item_column}", name, [item_column])


def upgrade() -> None:
    _version_table("course_module_version", "module_id", [
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("version_note", sa.Text(), nullable=False),
    ])
    _version_table("course_quiz_version", "quiz_id", [])
    _version_table("course_framework_version", "framework_id", [])
    op.create_table(
        "course_media",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "course_build_cache",
        sa.Column("path", sa.String(500), primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("mtime_ns", sa.BigInteger(), nullable=False),
        sa.Column("compiler", sa.String(40), nullable=False),
        sa.Column("item_id", sa.String(100), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("fragment", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("course_build_cache")
    op.drop_table("course_media")
    op.drop_table("course_framework_version")
    op.drop_table("course_quiz_version")
    op.drop_table("course_module_version")
