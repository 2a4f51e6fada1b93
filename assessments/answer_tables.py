"""The answer table: one narrow row per ``answered`` statement to a quiz question, kept for item analysis.

Written as the record store stores statements (the app registers the writer in its ingest hook), so a
report reads a quiz's answers by an index range instead of parsing every statement's JSON. The table has
its own declarative base and migration branch (``answers``), whose first migration fills it from the
statements already stored.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Float, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLite only auto-increments INTEGER PRIMARY KEY columns; PostgreSQL gets a BIGINT sequence.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    pass


class AnswerRow(Base):
    __tablename__ = "assessment_answer"
    __table_args__ = (Index("ix_assessment_answer_quiz", "quiz_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)  # the stored order
    statement_id: Mapped[str] = mapped_column(String(36), unique=True)
    actor: Mapped[str | None] = mapped_column(Text)  # recorded_answers.actor_of: for erasure
    registration: Mapped[str] = mapped_column(String(36))
    quiz_id: Mapped[str] = mapped_column(String(100))
    question_id: Mapped[str] = mapped_column(String(100))
    # When it was given, in microseconds since 1970-01-01 UTC: an integer subtracts exactly on every
    # database, and reads fast by the hundred thousand (a report reads every answer to a quiz).
    answered_us: Mapped[int] = mapped_column(BigInteger)
    response: Mapped[str | None] = mapped_column(Text)
    seconds: Mapped[float | None] = mapped_column(Float)
