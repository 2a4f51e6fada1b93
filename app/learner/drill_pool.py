"""What a learner may practise and what they should practise first: the pool, their cards and their focus."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.learner import catalog
from app.mentoring.models import ASSIGNED, RETURNED, FollowUp, Relationship
from assessments.mastery import Trend, assess
from assessments.mastery_store import states_for
from assessments.model import Quiz
from assessments.practice import (
    Focus,
    ModuleChecks,
    PoolItem,
    QuizSource,
    QuizUse,
    is_closed_to,
    practice_pool,
)
from assessments.store import Attempt

# The pool's parts for the content published now: what everyone may practise, and per limited quiz the
# items it adds once a learner can no longer attempt it. Content changes only on a build, so the parts
# are kept per process and rebuilt when a version changes.
_parts: dict[tuple[Any, ...], tuple[list[PoolItem], dict[str, tuple[Quiz, list[PoolItem]]]]] = {}


def pool_for(session: Session, learner_id: str) -> list[PoolItem]:
    """The learner's practice pool from the content still published (retired modules and quizzes are out)."""
    always, by_quiz = _pool_parts(session)
    uses = quiz_uses(session, learner_id)
    closed = [
        item
        for quiz_id, (quiz, items) in by_quiz.items()
        if is_closed_to(quiz, uses.get(quiz_id, QuizUse()))
        for item in items
    ]
    return always + closed


def _pool_parts(session: Session) -> tuple[list[PoolItem], dict[str, tuple[Quiz, list[PoolItem]]]]:
    modules, quizzes = catalog.list_modules(session), catalog.list_quizzes(session)
    key = (
        tuple((m.info.module_id, m.version, m.info.content_hash) for m in modules),
        tuple((q.info.quiz_id, q.version, q.info.content_hash) for q in quizzes),
    )
    if key not in _parts:
        checks = [ModuleChecks(m.module.id, m.version, m.module.checks) for m in modules]
        banks = [QuizSource(q.quiz, q.version) for q in quizzes if q.quiz.practice]
        by_quiz = {
            q.quiz.id: (
                q.quiz,
                practice_pool([], [QuizSource(q.quiz, q.version)], {q.quiz.id: _used_up(q.quiz)}),
            )
            for q in quizzes
            if not q.quiz.practice and q.quiz.settings.attempts is not None
        }
        _parts.clear()
        _parts[key] = (practice_pool(checks, banks, {}), by_quiz)
    return _parts[key]


def _used_up(quiz: Quiz) -> QuizUse:
    return QuizUse(started=quiz.settings.attempts or 0, has_open=False)


def quiz_uses(session: Session, learner_id: str) -> dict[str, QuizUse]:
    """Attempts started per quiz, and whether one is still open, in one query."""
    still_open = func.sum(case((Attempt.submitted_at.is_(None), 1), else_=0))
    query = (
        select(Attempt.quiz_id, func.count(), still_open)
        .where(Attempt.learner_id == learner_id)
        .group_by(Attempt.quiz_id)
    )
    return {
        quiz_id: QuizUse(int(started), bool(opened)) for quiz_id, started, opened in session.execute(query)
    }


def focus_for(session: Session, learner_id: str, user_id: int) -> Focus:
    """Competencies that are weak or declining in mastery, and those of the learner's open follow-ups."""
    framework = catalog.get_framework(session)
    key = f"account:{learner_id}"
    states = states_for(session, [key]).get(key, {})
    weak, declining = set(), set()
    for competency in framework.competencies if framework else ():
        stored = states.get(competency.id)
        if stored is None:
            continue
        judged = assess(stored.state, competency.threshold)
        if judged.estimate is not None and judged.estimate < competency.threshold:
            weak.add(competency.id)
        if judged.trend is Trend.DECLINING:
            declining.add(competency.id)
    return Focus(frozenset(weak), frozenset(declining), frozenset(plan_competencies(session, user_id)))


def plan_competencies(session: Session, user_id: int) -> set[str]:
    """The competencies of the open follow-ups in the learner's current 70:20:10 plan."""
    query = (
        select(FollowUp.competency_id)
        .join(Relationship, Relationship.id == FollowUp.relationship_id)
        .where(
            Relationship.mentee_id == user_id,
            Relationship.is_active.is_(True),
            FollowUp.status.in_((ASSIGNED, RETURNED)),
        )
    )
    return set(session.scalars(query))
