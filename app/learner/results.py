"""The results pages: one attempt as its review policy allows, and where the learner stands overall."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from sqlalchemy.orm import Session

from app.learner import catalog
from app.learner.catalog import QuizVersion
from app.learner.charts import ChartRow, competency_chart
from app.learner.recording import Learner
from app.learner.review import describe_answer, describe_response
from app.learner.taking import close_if_expired, public_question
from assessments import attempts, progress
from assessments.attempt_errors import AttemptNotSubmittedError
from assessments.question_types import QUESTION_TYPES
from assessments.results import (
    AttemptSummary,
    Milestone,
    all_milestones,
    attempt_milestones,
    review_level,
    shows,
)
from assessments.scoring import AttemptScore, CompetencyScore, grade_across_attempts, score_attempt
from assessments.store import Attempt
from courses.model import Framework


@dataclass(frozen=True, slots=True)
class QuestionReview:
    view: dict[str, Any]
    response: str
    is_correct: bool | None
    awaiting_review: bool
    answer: str | None  # None unless the policy shows answers
    feedback: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AttemptResult:
    attempt: Attempt
    quiz: QuizVersion
    level: str
    chart: Markup | None
    questions: list[QuestionReview]
    history: list[Attempt]
    milestones: list[Milestone]

    def shows(self, what: str) -> bool:
        return shows(self.level, what)


@dataclass(frozen=True, slots=True)
class Standing:
    chart: Markup
    history: list[tuple[Attempt, str]]  # attempt and its quiz title
    milestones: list[Milestone]
    titles: dict[str, str]  # quiz and competency ids -> their names


def summary(attempt: Attempt) -> AttemptSummary:
    return AttemptSummary(
        attempt.quiz_id,
        attempt.number,
        attempt.score_scaled or 0.0,
        bool(attempt.passed),
        attempt.submitted_at or attempt.started_at,
    )


def attempt_result(session: Session, learner: Learner, attempt_id: int) -> AttemptResult:
    """The results of a submitted attempt; an attempt still open raises AttemptNotSubmittedError."""
    attempt = attempts.get_attempt(session, attempt_id, learner_id=learner.uid)
    close_if_expired(session, learner, attempt)
    if attempt.is_open:
        raise AttemptNotSubmittedError(attempt.id)
    quiz = catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version)
    history = [
        a
        for a in attempts.attempt_history(session, learner_id=learner.uid, quiz_id=attempt.quiz_id)
        if not a.is_open
    ]
    limit = quiz.quiz.settings.attempts
    level = review_level(
        quiz.quiz.settings.review,
        has_passed=any(a.passed for a in history),
        # an attempt still open is a try still to come: an earlier result keeps the key back meanwhile
        attempts_left=max(0, limit - len(history)) if limit else None,
    )
    chart = None
    if shows(level, "score"):
        chart = competency_chart(
            _rows(_rescore(quiz, attempt).per_competency, catalog.get_framework(session))
        )
    questions = _reviews(quiz, attempt, level) if shows(level, "responses") else []
    summaries = [summary(a) for a in history]
    return AttemptResult(
        attempt, quiz, level, chart, questions, history, attempt_milestones(summaries, summary(attempt))
    )


def _rescore(quiz: QuizVersion, attempt: Attempt) -> AttemptScore:
    return score_attempt(quiz.quiz, attempt.question_ids, attempts.saved_responses(attempt))


def _rows(breakdown: dict[str, CompetencyScore], framework: Framework | None) -> list[ChartRow]:
    rows = []
    for competency_id, item in breakdown.items():
        competency = framework.get(competency_id) if framework else None
        name = competency.name if competency else competency_id
        rows.append(ChartRow(name, item.ratio or 0.0, competency.threshold if competency else None))
    return rows


def _reviews(quiz: QuizVersion, attempt: Attempt, level: str) -> list[QuestionReview]:
    saved = {r.question_id: r for r in attempt.responses}
    reviews = []
    for question_id in attempt.question_ids:
        question = quiz.quiz.question(question_id)
        row = saved.get(question_id)
        response = row.value["response"] if row else None
        with_answers = shows(level, "answers")
        feedback: tuple[str, ...] = ()
        if with_answers:
            outcome = QUESTION_TYPES[question.type].score(question, response)
            feedback = tuple(f for f in (*outcome.feedback, question.feedback) if f)
        reviews.append(
            QuestionReview(
                view=public_question(quiz, attempt, question_id),
                response=describe_response(question, response),
                is_correct=row.is_correct if row else False,
                awaiting_review=bool(row and row.awaiting_review),
                answer=describe_answer(question) if with_answers else None,
                feedback=feedback,
            )
        )
    return reviews


def standing(session: Session, learner: Learner) -> Standing:
    """Where the learner stands: per competency over the counted attempts, history and milestones."""
    history = [a for a in attempts.attempt_history(session, learner_id=learner.uid) if not a.is_open]
    framework = catalog.get_framework(session)
    by_quiz: dict[str, list[Attempt]] = {}
    for attempt in history:
        by_quiz.setdefault(attempt.quiz_id, []).append(attempt)
    totals: dict[str, CompetencyScore] = {}
    titles: dict[str, str] = {}
    for quiz_attempts in by_quiz.values():
        latest = catalog.get_quiz(session, quiz_attempts[-1].quiz_id, quiz_attempts[-1].quiz_version)
        titles[latest.quiz.id] = latest.quiz.title
        scores = [_rescore(catalog.get_quiz(session, a.quiz_id, a.quiz_version), a) for a in quiz_attempts]
        counted = grade_across_attempts(latest.quiz.settings.grading, scores)
        for competency_id, item in (counted.per_competency if counted else {}).items():
            known = totals.get(competency_id, CompetencyScore(0.0, 0.0))
            totals[competency_id] = CompetencyScore(known.raw + item.raw, known.maximum + item.maximum)
    modules = {m.module.id: m.module.competencies for m in catalog.list_modules(session)}
    completed = {
        p.module_id: p.completed_at
        for p in progress.learner_progress(session, learner.uid)
        if p.completed_at is not None
    }
    milestones = all_milestones([summary(a) for a in history], modules, completed)
    chart = competency_chart(_rows(totals, framework), title="Where you stand, per competency")
    if framework is not None:
        titles.update({c.id: c.name for c in framework.competencies})
    return Standing(chart, [(a, titles[a.quiz_id]) for a in reversed(history)], milestones, titles)
