"""Tables of the assessments domain: attempts, their responses, module progress and team assignments.

Other domains are referenced by stable keys (learner uid, module id + version, quiz id + version), never by
foreign keys, so content can be republished and accounts moved without touching these rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    String,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every backend (SQLite hands back naive values otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, datetime: UTCDateTime()}


class Attempt(Base):
    """One try at a quiz: the drawn questions and choice order are fixed when it starts."""

    __tablename__ = "assessment_attempt"
    # The number is unique per learner and quiz, so two racing starts cannot both take the last attempt.
    __table_args__ = (UniqueConstraint("learner_id", "quiz_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration: Mapped[str] = mapped_column(String(36), unique=True)
    learner_id: Mapped[str] = mapped_column(String(36), index=True)
    quiz_id: Mapped[str] = mapped_column(String(100))
    quiz_version: Mapped[int] = mapped_column(Integer)
    module_id: Mapped[str | None] = mapped_column(String(100))
    module_version: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    question_ids: Mapped[list[Any]]
    choice_order: Mapped[dict[str, Any]]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    deadline: Mapped[datetime | None]
    suspended_at: Mapped[datetime | None]  # set when the learner leaves, cleared when they come back
    submitted_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="in_progress")
    score_raw: Mapped[float | None]
    score_max: Mapped[float | None]
    score_scaled: Mapped[float | None]
    passed: Mapped[bool | None]
    awaiting_review: Mapped[bool] = mapped_column(default=False)

    responses: Mapped[list[Response]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", order_by="Response.id"
    )

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None


class Response(Base):
    """The learner's latest answer to one question of an attempt (upserted as they answer)."""

    __tablename__ = "assessment_response"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_attempt.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(100))
    value: Mapped[dict[str, Any]]
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    score: Mapped[float | None]
    is_correct: Mapped[bool | None]
    awaiting_review: Mapped[bool] = mapped_column(default=False)

    attempt: Mapped[Attempt] = relationship(back_populates="responses")


class ModuleProgress(Base):
    """Where a learner is in one version of a module, and which pages they have seen."""

    __tablename__ = "assessment_module_progress"
    __table_args__ = (UniqueConstraint("learner_id", "module_id", "module_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration: Mapped[str] = mapped_column(String(36), unique=True)
    learner_id: Mapped[str] = mapped_column(String(36), index=True)
    module_id: Mapped[str] = mapped_column(String(100))
    module_version: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer)
    pages_seen: Mapped[list[Any]]
    position: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None]


class TeamAssignment(Base):
    """A module assigned to every member of a team."""

    __tablename__ = "assessment_team_assignment"
    __table_args__ = (UniqueConstraint("team_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(Integer, index=True)
    module_id: Mapped[str] = mapped_column(String(100))
    due: Mapped[date | None] = mapped_column(Date)
