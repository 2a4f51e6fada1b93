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
from app.mentoring.progress import learner_statuses
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
from assessments.scoring import AttemptScore, CompetencyScore, score_attempt
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
    score: float | None = None  # points given, None when the question is not scored
    max_score: float = 0.0
    is_answered: bool = True

    @property
    def mark(self) -> str:
        """How the answer did (correct, partly-correct, not-correct, not-answered …), for its label."""
        if not self.is_answered:
            return "not-answered"
        if self.awaiting_review:
            return "awaiting-review"
        if self.is_correct:
            return "correct"
        if self.is_correct is None:
            return "not-scored"
        return "partly-correct" if self.score and self.max_score else "not-correct"


@dataclass(frozen=True, slots=True)
class AttemptResult:
    attempt: Attempt
    quiz: QuizVersion
    level: str
    chart: Markup | None
    questions: list[QuestionReview]
    history: list[Attempt]
    milestones: list[Milestone]
    rows: list[ChartRow]  # the figures behind the chart

    def shows(self, what: str) -> bool:
        return shows(self.level, what)


@dataclass(frozen=True, slots=True)
class Standing:
    chart: Markup
    rows: list[ChartRow]  # one per competency with evidence: the figures behind the chart
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
    chart, rows = None, []
    if shows(level, "score"):
        rows = _rows(_rescore(quiz, attempt).per_competency, catalog.get_framework(session))
        chart = competency_chart(rows)
    questions = _reviews(quiz, attempt, level) if shows(level, "responses") else []
    summaries = [summary(a) for a in history]
    milestones = attempt_milestones(summaries, summary(attempt))
    return AttemptResult(attempt, quiz, level, chart, questions, history, milestones, rows)


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
                score=row.score if row else 0.0,
                max_score=question.points,
                is_answered=row is not None,
            )
        )
    return reviews


def standing(session: Session, learner: Learner) -> Standing:
    """Where the learner stands: mastery per competency (as every page shows it), history, milestones."""
    history = [a for a in attempts.attempt_history(session, learner_id=learner.uid) if not a.is_open]
    framework = catalog.get_framework(session)
    titles: dict[str, str] = {}
    for attempt in history:
        if attempt.quiz_id not in titles:
            quiz = catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version)
            titles[attempt.quiz_id] = quiz.quiz.title
    modules = {m.module.id: m.module.competencies for m in catalog.list_modules(session)}
    completed = {
        p.module_id: p.completed_at
        for p in progress.learner_progress(session, learner.uid)
        if p.completed_at is not None
    }
    milestones = all_milestones([summary(a) for a in history], modules, completed)
    rows = []
    if framework is not None:
        titles.update({c.id: c.name for c in framework.competencies})
        measured = [s for s in learner_statuses(session, learner.uid, framework) if s.assessment.count]
        rows = [ChartRow(s.name, s.assessment.estimate or 0.0, s.threshold) for s in measured]
    chart = competency_chart(rows, title="Where you stand, per competency")
    history_rows = [(a, titles[a.quiz_id]) for a in reversed(history)]
    return Standing(chart, rows, history_rows, milestones, titles)
