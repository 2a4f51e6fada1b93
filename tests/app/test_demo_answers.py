"""The demo learners' answers: right ones score full marks, wrong ones do not, for every sample question."""

from __future__ import annotations

import pytest

from app.demo.answers import answer
from assessments import parse_quiz
from assessments.model import Question
from assessments.question_types import QUESTION_TYPES
from tests.conftest import ROOT

QUESTIONS = [
    question
    for path in sorted((ROOT / "content" / "quizzes").glob("*.md"))
    if (quiz := parse_quiz(path.read_text(encoding="utf-8"), str(path)).quiz) is not None
    for question in quiz.questions
]


def test_the_sample_quizzes_have_every_marked_question_type() -> None:
    assert {q.type for q in QUESTIONS} >= {"single", "multiple", "true-false", "fill-in", "numeric"}
    assert {q.type for q in QUESTIONS} >= {"matching", "ordering", "likert", "essay"}


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_a_right_answer_is_right_and_a_wrong_one_is_not(question: Question) -> None:
    kind = QUESTION_TYPES[question.type]
    right = kind.score(question, answer(question, right=True))
    wrong = kind.score(question, answer(question, right=False))
    if question.type in ("likert", "essay"):  # neither right nor wrong: a likert point, an essay to grade
        assert right.correct is None and wrong.correct is None
        return
    assert right.correct is True and right.score == question.points
    assert wrong.correct is False and wrong.score < question.points
