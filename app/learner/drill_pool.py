"""What a learner may practise and what they should practise first: the pool, their cards and their focus."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.learner import catalog
from app.learner.catalog import CatalogueStamp
from app.mentoring.models import ASSIGNED, RETURNED, FollowUp, Relationship
from assessments.mastery import Trend, assess
from assessments.mastery_store import states_for
from assessments.model import Quiz
from assessments.practice import (
    Focus,
    ModuleChecks,
    PoolIndex,
    QuizSource,
    QuizUse,
    index_pool,
    is_closed_to,
    practice_pool,
)
from assessments.store import Attempt


@dataclass(frozen=True, slots=True)
class PoolParts:
    """The pool's parts for the content published now, indexed for drawing drills."""

    always: PoolIndex  # what everyone may practise: module checks and practice banks
    limited: dict[str, tuple[Quiz, PoolIndex]]  # per quiz with an attempt limit, what it adds once used up


# Content changes only on a build, so the parts are kept per process under the catalogue's stamp (one
# cheap query per drill) and rebuilt when it changes.
_parts: dict[CatalogueStamp, PoolParts] = {}


def pool_for(session: Session, learner_id: str) -> PoolIndex:
    """The learner's practice pool from the content still published (retired modules and quizzes are out)."""
    parts = pool_parts(session)
    uses = quiz_uses(session, learner_id)
    closed = [
        index
        for quiz_id, (quiz, index) in parts.limited.items()
        if is_closed_to(quiz, uses.get(quiz_id, QuizUse()))
    ]
    return parts.always.join(*closed)


def pool_parts(session: Session) -> PoolParts:
    """The indexed parts of the pool for the content published now, built once per content build."""
    stamp = catalog.catalogue_stamp(session)
    parts = _parts.get(stamp)
    if parts is None:
        parts = _build_parts(catalog.list_modules(session), catalog.list_quizzes(session))
        _parts.clear()  # the parts of one content build at a time
        _parts[stamp] = parts
    return parts


def _build_parts(modules: list[catalog.ModuleVersion], quizzes: list[catalog.QuizVersion]) -> PoolParts:
    checks = [ModuleChecks(m.module.id, m.version, m.module.checks) for m in modules]
    banks = [QuizSource(q.quiz, q.version) for q in quizzes if q.quiz.practice]
    limited = {
        q.quiz.id: (
            q.quiz,
            index_pool(practice_pool([], [QuizSource(q.quiz, q.version)], {q.quiz.id: _used_up(q.quiz)})),
        )
        for q in quizzes
        if not q.quiz.practice and q.quiz.settings.attempts is not None
    }
    return PoolParts(index_pool(practice_pool(checks, banks, {})), limited)


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
