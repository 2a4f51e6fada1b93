"""Answers to the inline knowledge checks of modules: practice, kept apart from quiz attempts.

Only the learner's latest answer to each check of a module version is kept. The table shares the
assessments domain's declarative base and migration branch; it never feeds quiz scores or completion.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, UniqueConstraint, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from assessments.store import Base, utcnow


class CheckAnswer(Base):
    """A learner's latest answer to one knowledge check of one module version."""

    __tablename__ = "assessment_check_answer"
    __table_args__ = (UniqueConstraint("learner_id", "module_id", "module_version", "check_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[str] = mapped_column(String(36), index=True)
    module_id: Mapped[str] = mapped_column(String(100))
    module_version: Mapped[int]
    check_id: Mapped[str] = mapped_column(String(100))
    value: Mapped[dict[str, Any]]  # {"response": <the normalised response>}
    is_correct: Mapped[bool | None]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


def check_answers(
    session: Session, *, learner_id: str, module_id: str, version: int
) -> dict[str, CheckAnswer]:
    """Return the learner's answers to the checks of a module version, by check id."""
    query = select(CheckAnswer).where(
        CheckAnswer.learner_id == learner_id,
        CheckAnswer.module_id == module_id,
        CheckAnswer.module_version == version,
    )
    return {row.check_id: row for row in session.scalars(query)}


def save_check_answer(
    session: Session,
    *,
    learner_id: str,
    module_id: str,
    version: int,
    check_id: str,
    response: Any,
    is_correct: bool | None,
    now: datetime | None = None,
) -> CheckAnswer:
    """Store the learner's latest answer to a check (the response already validated)."""
    now = now or utcnow()
    values = {"value": {"response": response}, "is_correct": is_correct, "answered_at": now}
    row = _find(session, learner_id, module_id, version, check_id)
    if row is None:
        try:
            # Two first answers racing (two tabs): the loser of the unique constraint updates the row.
            with session.begin_nested():
                row = CheckAnswer(
                    learner_id=learner_id, module_id=module_id, module_version=version, check_id=check_id
                )
                session.add(row)
                _assign(row, values)
                session.flush()
            return row
        except IntegrityError:
            row = _find(session, learner_id, module_id, version, check_id)
            if row is None:  # pragma: no cover - the constraint named a row that must now exist
                raise
    _assign(row, values)
    session.flush()
    return row


def _find(
    session: Session, learner_id: str, module_id: str, version: int, check_id: str
) -> CheckAnswer | None:
    return session.scalar(
        select(CheckAnswer).where(
            CheckAnswer.learner_id == learner_id,
            CheckAnswer.module_id == module_id,
            CheckAnswer.module_version == version,
            CheckAnswer.check_id == check_id,
        )
    )


def _assign(row: CheckAnswer, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(row, name, value)
