"""The essay grading queue: essays awaiting review from a mentor's mentees, graded per competency.

A grade is a rating (1-4) per competency of the question plus feedback. Each rating is recorded as a
``scored`` statement tagged with that competency, so it feeds mastery like any other evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.learner import catalog, taking
from app.learner.recording import Learner
from app.mentoring import statements
from app.mentoring.notifications import notify
from app.mentoring.relationships import MentoringError
from assessments.model import Question
from assessments.store import Attempt, Response


@dataclass(frozen=True, slots=True)
class EssayToGrade:
    response: Response
    attempt: Attempt
    learner: User
    question: Question | None

    @property
    def text(self) -> str:
        value: Any = self.response.value
        if isinstance(value, dict) and len(value) == 1:
            value = next(iter(value.values()))
        return value if isinstance(value, str) else str(value)

    @property
    def title(self) -> str:
        return self.question.stem if self.question else self.response.question_id

    @property
    def competencies(self) -> list[str]:
        return [ref.id for ref in self.question.competencies] if self.question else []


def queue(session: Session, learners: Sequence[User]) -> list[EssayToGrade]:
    """Return the essays of these learners waiting for review, oldest first."""
    by_uid = {learner.uid: learner for learner in learners}
    if not by_uid:
        return []
    query = (
        select(Response, Attempt)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(
            Response.awaiting_review.is_(True),
            Attempt.learner_id.in_(by_uid),
            Attempt.submitted_at.is_not(None),
        )
        .order_by(Attempt.submitted_at, Response.id)
    )
    return [
        EssayToGrade(r, a, by_uid[a.learner_id], _question(session, a, r.question_id))
        for r, a in session.execute(query)
    ]


def find(session: Session, response_id: int, learners: Sequence[User]) -> EssayToGrade | None:
    """Return one essay of the queue, or None when it is not one of these learners' (or already graded)."""
    return next((item for item in queue(session, learners) if item.response.id == response_id), None)


FEEDBACK_MAX = 2000  # the statement's result response carries it whole


def grade(
    session: Session,
    item: EssayToGrade,
    ratings: Mapping[str, int],
    feedback: str,
    *,
    mentor: User,
    base_url: str,
) -> None:
    """Record a rating per competency with feedback, and take the essay off the queue."""
    expected = item.competencies or list(ratings)
    if not expected or set(ratings) != set(expected):
        raise MentoringError("rate every competency of the question")
    if any(not 1 <= value <= statements.RATING_MAX for value in ratings.values()):
        raise MentoringError("ratings go from 1 to 4")
    if len(feedback) > FEEDBACK_MAX:
        raise MentoringError(f"the feedback holds at most {FEEDBACK_MAX} characters")
    iri = f"{base_url}/xapi/activities/quizzes/{item.attempt.quiz_id}/questions/{item.response.question_id}"
    statements.record(
        session,
        [
            statements.grade_statement(item.learner, mentor, iri, item.title, competency, rating, feedback)
            for competency, rating in ratings.items()
        ],
    )
    item.response.awaiting_review = False
    points = item.question.points if item.question else 1.0
    item.response.score = round(points * sum((r - 1) / 3 for r in ratings.values()) / len(ratings), 4)
    session.flush()
    taking.finish_review(session, _learner(item.learner, base_url), item.attempt)
    notify(
        session,
        item.learner.id,
        "essay-graded",
        f"{mentor.name} graded your answer to “{item.title}”",
        "/mentoring/my-plan",
    )
    session.flush()


def _learner(user: User, base_url: str) -> Learner:
    return Learner(
        uid=user.uid,
        name=user.name,
        base_url=base_url,
        email=user.email,
        use_email=bool(current_app.config.get("XAPI_ACTOR_EMAIL")),
    )


def _question(session: Session, attempt: Attempt, question_id: str) -> Question | None:
    try:
        quiz = catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version).quiz
        return quiz.question(question_id)
    except (LookupError, KeyError):
        return None
