"""Scoring an attempt: points, competency weights, the pass mark and essays awaiting a mentor. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assessments.model import Quiz
from assessments.question_types import QUESTION_TYPES, QuestionOutcome, ResponseError
from assessments.selection import QuestionSelection, SelectedQuestion, select_questions

__all__ = [
    "AttemptScore",
    "CompetencyScore",
    "QuestionSelection",
    "SelectedQuestion",
    "grade_across_attempts",
    "score_attempt",
    "select_questions",
]


@dataclass(frozen=True, slots=True)
class CompetencyScore:
    raw: float
    maximum: float

    @property
    def ratio(self) -> float | None:
        return self.raw / self.maximum if self.maximum else None


@dataclass(frozen=True, slots=True)
class AttemptScore:
    raw: float
    maximum: float
    percent: float
    passed: bool | None  # None while essays await a mentor
    per_question: dict[str, QuestionOutcome]
    per_competency: dict[str, CompetencyScore]
    pending: bool = False


def score_attempt(
    quiz: Quiz,
    question_ids: Sequence[str],
    responses: Mapping[str, Any],
    manual_scores: Mapping[str, float] | None = None,
) -> AttemptScore:
    """Score an attempt's responses; ``manual_scores`` are mentors' grades of essays."""
    manual_scores = manual_scores or {}
    unknown = set(responses) - set(question_ids)
    if unknown:
        raise ResponseError(f'response to a question not in this attempt: "{sorted(unknown)[0][:40]}"')
    outcomes: dict[str, QuestionOutcome] = {}
    competencies: dict[str, list[float]] = {}
    for question_id in question_ids:
        question = quiz.question(question_id)
        outcome = QUESTION_TYPES[question.type].score(question, responses.get(question_id))
        if question_id in manual_scores and outcome.pending:
            grade = min(max(float(manual_scores[question_id]), 0.0), question.points)
            outcome = QuestionOutcome(
                grade, question.points, grade >= question.points, feedback=outcome.feedback
            )
        outcomes[question_id] = outcome
        if outcome.pending:
            continue
        for ref in question.competencies:
            totals = competencies.setdefault(ref.id, [0.0, 0.0])
            totals[0] += outcome.score * ref.weight
            totals[1] += outcome.max_score * ref.weight
    raw = sum(o.score for o in outcomes.values())
    maximum = sum(o.max_score for o in outcomes.values())
    percent = round(100.0 * raw / maximum, 4) if maximum else 100.0
    pending = any(o.pending for o in outcomes.values())
    passed = None if pending else percent >= quiz.settings.pass_mark
    per_competency = {cid: CompetencyScore(round(r, 6), m) for cid, (r, m) in competencies.items()}
    return AttemptScore(round(raw, 6), maximum, percent, passed, outcomes, per_competency, pending)


def grade_across_attempts(policy: str, scores: Sequence[AttemptScore]) -> AttemptScore | None:
    """Return the attempt that counts: the highest-scoring one or the last one."""
    if not scores:
        return None
    if policy == "last":
        return scores[-1]
    if policy == "highest":
        return max(scores, key=lambda s: (s.percent, not s.pending))
    raise ValueError(f"unknown grading policy {policy!r}")
