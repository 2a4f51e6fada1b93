"""Practice tables: one scheduling card per learner and question, the drills and the answers given in them.

They have their own declarative base and migration branch (``practice``). Learners are referred to by uid and
questions by a stable item key (``quiz:<quiz id>/<question id>`` or ``check:<module id>/<check id>``), never
by foreign keys into other domains, so content can be republished without touching these rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from assessments.store import UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map = {list[Any]: JSON, dict[str, Any]: JSON, datetime: UTCDateTime()}


class CardRow(Base):
    """The FSRS memory state of one learner for one question."""

    __tablename__ = "assessment_practice_card"
    __table_args__ = (
        UniqueConstraint("learner_id", "item_key"),
        Index("ix_assessment_practice_card_due", "learner_id", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[str] = mapped_column(String(36))
    item_key: Mapped[str] = mapped_column(String(300))
    state: Mapped[int] = mapped_column(Integer)  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime]
    last_review: Mapped[datetime | None]
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)


class DrillRow(Base):
    """One drill: the questions drawn for it (with their shown ids) and how far the learner got."""

    __tablename__ = "assessment_practice_drill"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration: Mapped[str] = mapped_column(String(36), unique=True)
    learner_id: Mapped[str] = mapped_column(String(36), index=True)
    # [{"key", "source": "quiz" | "check", "content_id", "version", "question_id", "ids": shown ids}]
    items: Mapped[list[Any]]
    started_at: Mapped[datetime]
    shown_at: Mapped[datetime]  # when the current question was last put in front of the learner
    finished_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]  # left unfinished and closed on a later visit
    answers: Mapped[list[AnswerRow]] = relationship(
        cascade="all, delete-orphan", order_by="AnswerRow.position", lazy="selectin"
    )

    @property
    def is_open(self) -> bool:
        return self.finished_at is None and self.closed_at is None

    @property
    def position(self) -> int:
        """The 0-based index of the next question to answer."""
        return len(self.answers)


class AnswerRow(Base):
    """One answer in a drill, with what it did to the schedule."""

    __tablename__ = "assessment_practice_answer"
    __table_args__ = (UniqueConstraint("drill_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    drill_id: Mapped[int] = mapped_column(ForeignKey("assessment_practice_drill.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    item_key: Mapped[str] = mapped_column(String(300))
    response: Mapped[Any] = mapped_column(JSON)
    value: Mapped[float] = mapped_column(Float)  # score as a share of the points, 0..1
    is_correct: Mapped[bool]
    rating: Mapped[int] = mapped_column(Integer)  # fsrs.Rating 1..4
    duration_ms: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime]
    due_after: Mapped[datetime]  # the card's next due date once this answer was rated
    competencies: Mapped[list[Any]]  # competency ids of the question
