"""Mastery tables: the running state per learner and competency, and the evidence behind it.

They have their own declarative base and migration branch (``mastery``) so they can evolve apart from the
attempt tables. Learners are referred to by a stable key (the xAPI actor key, ``account:<uid>`` for our own
users), never by a foreign key into another domain.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class MasteryRow(Base):
    __tablename__ = "assessment_mastery_state"
    __table_args__ = (UniqueConstraint("learner_key", "competency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_key: Mapped[str] = mapped_column(String(300), index=True)
    competency_id: Mapped[str] = mapped_column(String(120))
    fast_sum: Mapped[float] = mapped_column(Float, default=0.0)
    fast_weight: Mapped[float] = mapped_column(Float, default=0.0)
    slow_sum: Mapped[float] = mapped_column(Float, default=0.0)
    slow_weight: Mapped[float] = mapped_column(Float, default=0.0)
    count: Mapped[int] = mapped_column(Integer, default=0)
    as_of: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    estimate: Mapped[float | None] = mapped_column(Float)  # fast_sum / fast_weight, kept for sorting
    previous_estimate: Mapped[float | None] = mapped_column(Float)  # before the latest evidence


class EvidenceRow(Base):
    __tablename__ = "assessment_mastery_evidence"
    __table_args__ = (Index("ix_assessment_mastery_evidence_learner", "learner_key", "competency_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_key: Mapped[str] = mapped_column(String(300))
    competency_id: Mapped[str] = mapped_column(String(120))
    # Not indexed: evidence is always read per learner, and random UUIDs make a costly index to keep up.
    statement_id: Mapped[str] = mapped_column(String(36))
    verb: Mapped[str] = mapped_column(String(300))
    activity: Mapped[str] = mapped_column(String(500))
    value: Mapped[float] = mapped_column(Float)
    weight: Mapped[float] = mapped_column(Float)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    estimate_after: Mapped[float] = mapped_column(Float)  # the estimate once this evidence counted
