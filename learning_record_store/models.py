"""Tables of the statements side of the record store: clients, statements, their index rows, activities.

Timestamps the store filters on (``stored``) are kept as fixed-width UTC strings
(``2026-11-22T21:33:45.123456Z``): they sort as text, so one portable column serves SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from learning_record_store.base import Base

# SQLite only auto-increments INTEGER PRIMARY KEY columns; PostgreSQL gets a BIGINT sequence.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Client(Base):
    """A credential an Activity Provider uses (HTTP Basic: key as user, secret as password)."""

    __tablename__ = "lrs_client"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    key: Mapped[str] = mapped_column(String(64), unique=True)
    secret_salt: Mapped[str] = mapped_column(String(64))
    secret_hash: Mapped[str] = mapped_column(String(128))
    scopes: Mapped[str] = mapped_column(String(255))
    authority: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(32))
    revoked_at: Mapped[str | None] = mapped_column(String(32), nullable=True)


class Statement(Base):
    """One stored statement: its full JSON plus the columns queries order and filter by."""

    __tablename__ = "lrs_statement"

    # The primary key is the stored order: `more` pages continue from it.
    pk: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    statement_id: Mapped[str] = mapped_column(String(36), unique=True)
    verb_id: Mapped[str] = mapped_column(Text)
    actor_key: Mapped[str] = mapped_column(String(32))
    object_activity_id: Mapped[str | None] = mapped_column(Text, nullable=True)
    object_statement_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    registration: Mapped[str | None] = mapped_column(String(36), nullable=True)
    authority_key: Mapped[str] = mapped_column(String(32))
    stored: Mapped[str] = mapped_column(String(32))
    is_voided: Mapped[bool] = mapped_column(Boolean, default=False)
    is_voiding: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        Index("ix_lrs_statement_stored", "stored", "pk"),
        Index("ix_lrs_statement_object_statement_id", "object_statement_id"),
        Index("ix_lrs_statement_authority_key", "authority_key", "pk"),
    )


class StatementIndex(Base):
    """One (statement, filter key) row: every GET filter is a lookup of its key here.

    ``key`` digests the filter kind and value (``verb``, ``agent``, ``agent+`` for agents in related
    positions, ``activity``, ``activity+``, ``registration``), so a row stays short whatever the IRI length.
    A statement whose object is a StatementRef also gets the rows of the statement it targets (xAPI
    filter conditions for StatementRefs).
    """

    __tablename__ = "lrs_statement_index"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    # No foreign key: rows are written with the key their statement's insert returned, in its transaction,
    # and statements are never deleted; the check cost as much as the insert (lrs_statements_0002).
    statement_pk: Mapped[int] = mapped_column(BigId, primary_key=True)

    # SQLite: the primary key *is* the table (no separate rowid B-tree to write for every row).
    __table_args__ = {"sqlite_with_rowid": False}


class Activity(Base):
    """The merged definition of an activity, as learned from the statements that used it."""

    __tablename__ = "lrs_activity"

    activity_id: Mapped[str] = mapped_column(String(2048), primary_key=True)
    definition: Mapped[str] = mapped_column(Text)
    updated: Mapped[str] = mapped_column(String(32))


class Attachment(Base):
    """Raw attachment content, stored once per SHA-2 hash however many statements use it."""

    __tablename__ = "lrs_attachment"

    sha2: Mapped[str] = mapped_column(String(128), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
