"""The bridge between attempts and the question-type registry: drawing and validating."""

from __future__ import annotations

import random
from typing import Any

from assessments.attempt_errors import InvalidResponseError
from assessments.model import Question, Quiz
from assessments.question_types import QUESTION_TYPES, ResponseError
from assessments.selection import select_questions
from assessments.shown_ids import draw_shown_ids


def draw_questions(quiz: Quiz, seed: int, rng: random.Random) -> tuple[list[str], dict[str, Any]]:
    """Return the drawn question ids in order and, per question, the choice and target order shown and
    the random ids the learner sees (drawn from ``rng``)."""
    selection = select_questions(quiz, seed)
    orders = {
        item.question.id: {
            "choice": list(item.choice_order),
            "target": list(item.target_order),
            "shown": draw_shown_ids(item.question, rng),
        }
        for item in selection
    }
    return list(selection.question_ids), orders


def validate_response(question: Question, value: Any) -> Any:
    """Return the response normalised by its question type; raise InvalidResponseError when tampered."""
    try:
        return QUESTION_TYPES[question.type].validate_response(question, value)
    except ResponseError as error:
        raise InvalidResponseError(question.id, str(error)) from None
