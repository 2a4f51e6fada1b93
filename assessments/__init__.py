"""Assessments: the quiz format, the question-type registry and scoring (pure, no Flask).

selection = select_questions(quiz, rng_seed=attempt_id)          # pools drawn, choices shuffled
for item in selection:                                           # item.question, .choice_order
    kind = QUESTION_TYPES[item.question.type]
    view = kind.public_view(item.question, item.choice_order, item.target_order)   # no answer key
value = kind.validate_response(question, posted)                 # raises ResponseError if tampered
score = score_attempt(quiz, selection.question_ids, responses)   # .percent, .passed, .per_competency
kind.xapi_interaction_type, kind.correct_responses_pattern(question)   # xAPI interaction definition
kind.format_response(question, value)                            # xAPI result.response
"""

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
