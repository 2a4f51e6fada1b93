"""The forwarding outbox: one row per statement and target, written with the statement it carries.

Instants are fixed-width UTC strings (learning_record_store.clock), compared as text.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from learning_record_store.base import Base


class OutboxTarget(Base):
    """A forwarding target's sequence counter; writers lock its row while they add to the outbox."""

    __tablename__ = "lrs_outbox_target"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    last_sequence: Mapped[int] = mapped_column(BigInteger, default=0)


class OutboxLease(Base):
    """The lease a worker holds on a target while it sends its rows.

    Kept apart from OutboxTarget so that claiming never waits for, nor skips because of, the row lock a
    statement-storing transaction holds on the sequence counter.
    """

    __tablename__ = "lrs_outbox_lease"

    target: Mapped[str] = mapped_column(String(100), primary_key=True)
    leased_by: Mapped[str | None] = mapped_column(String(64))
    leased_until: Mapped[str | None] = mapped_column(String(32))


class OutboxEntry(Base):
    __tablename__ = "lrs_outbox"
    __table_args__ = (
        UniqueConstraint("target", "sequence", name="uq_lrs_outbox_target_sequence"),
        Index("ix_lrs_outbox_pending", "target", "delivered_at", "sequence"),
        Index("ix_lrs_outbox_statement_id", "statement_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    target: Mapped[str] = mapped_column(String(100))
    # Gapless and in commit order per target: taken from OutboxTarget.last_sequence under its row lock.
    sequence: Mapped[int] = mapped_column(BigInteger)
    statement_id: Mapped[str] = mapped_column(String(36))
    # The statement as stored; cleared once delivered.
    payload: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[str] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[str] = mapped_column(String(32))
