"""Quiz attempts: start, save answers as they are given, submit once, close when time runs out.

Every function takes a Session and flushes; the caller commits (the request is the transaction). The
drawn questions and their choice order are fixed when an attempt starts, so a resumed attempt shows the
same quiz on any device. Scoring happens here, on the server, and only at submission.
"""

from __future__ import annotations

import random
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from assessments.attempt_errors import (
    AttemptClosedError,
    AttemptNotFoundError,
    AttemptsExhaustedError,
    InvalidResponseError,
    QuestionNotInAttemptError,
)
from assessments.attempt_grading import draw_questions, validate_response
from assessments.model import Question, Quiz
from assessments.question_types import ResponseError
from assessments.scoring import score_attempt
from assessments.shown_ids import to_source
from assessments.store import Attempt, Response, utcnow

# A submission that arrives this long after the deadline still counts (slow networks, a click at 0:00).
GRACE_PERIOD = timedelta(seconds=30)
# Where the shuffle seed and the ids shown to the learner come from: nothing on the page predicts them.
DRAWS: random.Random = secrets.SystemRandom()


@dataclass(frozen=True, slots=True)
class Submission:
    attempt: Attempt
    is_new: bool  # False when the attempt had already been graded (a double submit)
    saved: tuple[Response, ...] = ()  # the answers sent with this submit and saved by it


def start_attempt(
    session: Session,
    quiz: Quiz,
    *,
    learner_id: str,
    quiz_version: int,
    module_id: str | None = None,
    module_version: int | None = None,
    now: datetime | None = None,
    seed: int | None = None,
) -> Attempt:
    """Start a new attempt, drawing its questions; raise AttemptsExhaustedError past the limit."""
    now = now or utcnow()
    used = session.scalar(
        select(func.count(Attempt.id)).where(Attempt.learner_id == learner_id, Attempt.quiz_id == quiz.id)
    )
    limit = quiz.settings.attempts
    if limit and used >= limit:
        raise AttemptsExhaustedError(quiz.id, limit)
    seed = DRAWS.randrange(2**31) if seed is None else seed
    question_ids, choice_order = draw_questions(quiz, seed, DRAWS)
    minutes = quiz.settings.time_limit_minutes
    attempt = Attempt(
        registration=str(uuid.uuid4()),
        learner_id=learner_id,
        quiz_id=quiz.id,
        quiz_version=quiz_version,
        module_id=module_id,
        module_version=module_version,
        number=used + 1,
        question_ids=question_ids,
        choice_order=choice_order,
        started_at=now,
        updated_at=now,
        deadline=now + timedelta(minutes=minutes) if minutes else None,
        status="in_progress",
    )
    try:
        with session.begin_nested():
            session.add(attempt)
    except IntegrityError:
        # A concurrent start of the same attempt (a retried request on another server) won the number.
        existing = open_attempt(session, learner_id=learner_id, quiz_id=quiz.id)
        if existing is None:
            raise
        return existing
    return attempt


def open_attempt(session: Session, *, learner_id: str, quiz_id: str) -> Attempt | None:
    """Return the learner's unsubmitted attempt at this quiz, if any."""
    return session.scalar(
        select(Attempt)
        .where(Attempt.learner_id == learner_id, Attempt.quiz_id == quiz_id, Attempt.submitted_at.is_(None))
        .order_by(Attempt.id.desc())
        .limit(1)
    )


def get_attempt(session: Session, attempt_id: int, *, learner_id: str) -> Attempt:
    """Return the learner's own attempt; someone else's is reported as not found."""
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or attempt.learner_id != learner_id:
        raise AttemptNotFoundError(attempt_id)
    return attempt


def attempt_history(session: Session, *, learner_id: str, quiz_id: str | None = None) -> list[Attempt]:
    query = select(Attempt).where(Attempt.learner_id == learner_id)
    if quiz_id is not None:
        query = query.where(Attempt.quiz_id == quiz_id)
    return list(session.scalars(query.order_by(Attempt.started_at, Attempt.id)))


def has_passed(session: Session, *, learner_id: str, quiz_id: str) -> bool:
    """True when any submitted attempt of the learner at this quiz passed."""
    query = select(Attempt.id).where(
        Attempt.learner_id == learner_id, Attempt.quiz_id == quiz_id, Attempt.passed.is_(True)
    )
    return session.scalar(query.limit(1)) is not None


def is_expired(attempt: Attempt, now: datetime) -> bool:
    """True once the deadline and its grace period have passed."""
    return attempt.deadline is not None and now > attempt.deadline + GRACE_PERIOD


def save_response(
    session: Session,
    attempt: Attempt,
    quiz: Quiz,
    question_id: str,
    value: Any,
    *,
    now: datetime | None = None,
) -> Response:
    """Validate and store the learner's answer to one question of an open attempt."""
    now = now or utcnow()
    if question_id not in attempt.question_ids:
        raise QuestionNotInAttemptError(attempt.id, question_id)
    question = quiz.question(question_id)
    normalized = validate_response(question, value)
    if is_expired(attempt, now):
        raise AttemptClosedError(attempt.id, "time is up")
    _claim_open(session, attempt, now)
    row = next((r for r in attempt.responses if r.question_id == question_id), None)
    if row is None:
        row = Response(question_id=question_id, value={"response": normalized}, saved_at=now)
        attempt.responses.append(row)
    else:
        row.value, row.saved_at = {"response": normalized}, now
    session.flush()
    return row


def submit_attempt(
    session: Session,
    attempt: Attempt,
    quiz: Quiz,
    answers: Mapping[str, Any] | None = None,
    *,
    now: datetime | None = None,
) -> Submission:
    """Grade the attempt once; a repeated submit returns the graded attempt unchanged."""
    now = now or utcnow()
    if attempt.submitted_at is not None:
        return Submission(attempt, is_new=False)
    late = is_expired(attempt, now)
    saved: list[Response] = []
    try:
        if not late:  # past the deadline and its grace period only the answers saved in time count
            saved = [
                save_response(session, attempt, quiz, qid, value, now=now)
                for qid, value in (answers or {}).items()
            ]
    except AttemptClosedError:
        return Submission(attempt, is_new=False)  # another tab or a retried request submitted it first
    if not _claim_submission(session, attempt, now, "timed_out" if late else "submitted"):
        session.refresh(attempt)
        return Submission(attempt, is_new=False)
    _grade(attempt, quiz)
    session.flush()
    return Submission(attempt, is_new=True, saved=tuple(saved))


def close_if_expired(session: Session, attempt: Attempt, quiz: Quiz, *, now: datetime | None = None) -> bool:
    """Close and grade an attempt whose time ran out; return True when this call closed it."""
    now = now or utcnow()
    if attempt.submitted_at is not None or not is_expired(attempt, now):
        return False
    return submit_attempt(session, attempt, quiz, now=now).is_new


def suspend_attempt(session: Session, attempt: Attempt, *, now: datetime | None = None) -> bool:
    """Note that the learner left an open attempt; True when it was not suspended already."""
    if attempt.submitted_at is not None or attempt.suspended_at is not None:
        return False
    attempt.suspended_at = now or utcnow()
    session.flush()
    return True


def resume_attempt(session: Session, attempt: Attempt) -> bool:
    """Note that the learner came back to a suspended attempt; True when it was suspended."""
    if attempt.submitted_at is not None or attempt.suspended_at is None:
        return False
    attempt.suspended_at = None
    session.flush()
    return True


def _claim_open(session: Session, attempt: Attempt, now: datetime) -> None:
    # A conditional UPDATE locks the row (PostgreSQL) so a racing submit cannot slip in between.
    result = session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None))
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(attempt)
        raise AttemptClosedError(attempt.id, "already submitted")
    set_committed_value(attempt, "updated_at", now)  # already written by the UPDATE above


def _claim_submission(session: Session, attempt: Attempt, now: datetime, status: str) -> bool:
    # Only one of two concurrent submits (two tabs, two workers) matches ``submitted_at IS NULL``.
    result = session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None))
        .values(submitted_at=now, status=status, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    for name, value in (("submitted_at", now), ("status", status), ("updated_at", now)):
        set_committed_value(attempt, name, value)  # already written by the UPDATE above
    return True


def shown_ids(attempt: Attempt, question_id: str) -> dict[str, dict[str, str]]:
    """Return the ids the learner sees for the question's choices and targets (empty for older attempts)."""
    return dict((attempt.choice_order.get(question_id) or {}).get("shown") or {})


def from_shown(attempt: Attempt, question: Question, value: Any) -> Any:
    """Translate a response in the ids the learner sees into source ids (InvalidResponseError if unknown)."""
    try:
        return to_source(question, value, shown_ids(attempt, question.id))
    except ResponseError as error:
        raise InvalidResponseError(question.id, str(error)) from None


def saved_responses(attempt: Attempt) -> dict[str, Any]:
    return {row.question_id: row.value["response"] for row in attempt.responses}


def finish_review(attempt: Attempt, quiz: Quiz) -> bool:
    """Once no essay of a submitted attempt awaits review, score it with the mentors' grades.

    Returns True when this call settled the attempt's result (its score and passed or failed).
    """
    if attempt.submitted_at is None or not attempt.awaiting_review:
        return False
    if any(row.awaiting_review for row in attempt.responses):
        return False
    manual = {row.question_id: row.score for row in attempt.responses if row.score is not None}
    graded = score_attempt(quiz, attempt.question_ids, saved_responses(attempt), manual)
    attempt.score_raw, attempt.score_max = graded.raw, graded.maximum
    attempt.score_scaled, attempt.passed = graded.percent / 100, graded.passed
    attempt.awaiting_review = graded.pending
    return not graded.pending


def _grade(attempt: Attempt, quiz: Quiz) -> None:
    graded = score_attempt(quiz, attempt.question_ids, saved_responses(attempt))
    for row in attempt.responses:
        outcome = graded.per_question[row.question_id]
        row.score, row.is_correct, row.awaiting_review = outcome.score, outcome.correct, outcome.pending
    attempt.score_raw, attempt.score_max = graded.raw, graded.maximum
    attempt.score_scaled, attempt.passed = graded.percent / 100, graded.passed
    attempt.awaiting_review = graded.pending


__all__ = [
    "GRACE_PERIOD",
    "AttemptClosedError",
    "AttemptNotFoundError",
    "AttemptsExhaustedError",
    "InvalidResponseError",
    "QuestionNotInAttemptError",
    "Submission",
    "attempt_history",
    "close_if_expired",
    "finish_review",
    "from_shown",
    "get_attempt",
    "has_passed",
    "is_expired",
    "open_attempt",
    "resume_attempt",
    "saved_responses",
    "save_response",
    "shown_ids",
    "start_attempt",
    "submit_attempt",
    "suspend_attempt",
]
