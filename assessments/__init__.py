"""Assessments: the quiz format, the question-type registry and scoring (pure, no Flask)."""

from __future__ import annotations

from assessments.diagnostics import Diagnostic, Diagnostics
from assessments.model import Choice, CompetencyRef, Pool, Question, Quiz, QuizSettings
from assessments.question_types import (
    QUESTION_TYPES,
    QuestionOutcome,
    QuestionType,
    ResponseError,
    question_type,
)
from assessments.quiz_format import ParsedQuiz, parse_quiz
from assessments.scoring import (
    AttemptScore,
    CompetencyScore,
    QuestionSelection,
    grade_across_attempts,
    score_attempt,
    select_questions,
)

__all__ = [
    "QUESTION_TYPES",
    "AttemptScore",
    "Choice",
    "CompetencyRef",
    "CompetencyScore",
    "Diagnostic",
    "Diagnostics",
    "ParsedQuiz",
    "Pool",
    "Question",
    "QuestionOutcome",
    "QuestionSelection",
    "QuestionType",
    "Quiz",
    "QuizSettings",
    "ResponseError",
    "grade_across_attempts",
    "parse_quiz",
    "question_type",
    "score_attempt",
    "select_questions",
]
