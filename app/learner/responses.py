"""Reading answers from submitted forms, one reader per question type.

The same readers serve the plain form (no JavaScript) and the autosave requests, which send one
question's fields at a time, so both paths produce exactly the same responses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.datastructures import MultiDict

from assessments.attempt_errors import InvalidResponseError, QuestionNotInAttemptError

PREFIX = "q."
Reader = Callable[[MultiDict[str, str], str, dict[str, Any]], Any]


def field_name(question_id: str, part: str | None = None) -> str:
    return f"{PREFIX}{question_id}" if part is None else f"{PREFIX}{question_id}.{part}"


def _text(form: MultiDict[str, str], question_id: str, _view: dict[str, Any]) -> Any:
    value = form.get(field_name(question_id))
    return value if value else None


def _many(form: MultiDict[str, str], question_id: str, _view: dict[str, Any]) -> Any:
    values = form.getlist(field_name(question_id))
    if not values and field_name(question_id, "present") not in form:
        return None
    return values


def _boolean(form: MultiDict[str, str], question_id: str, _view: dict[str, Any]) -> Any:
    value = form.get(field_name(question_id))
    return {"true": True, "false": False}.get(value, value) if value else None


def _pairs(form: MultiDict[str, str], question_id: str, view: dict[str, Any]) -> Any:
    pairs = {c["id"]: form.get(field_name(question_id, c["id"])) for c in view["choices"]}
    chosen = {left: target for left, target in pairs.items() if target}
    return chosen or None


def _positions(form: MultiDict[str, str], question_id: str, view: dict[str, Any]) -> Any:
    positions = {c["id"]: form.get(field_name(question_id, c["id"])) for c in view["choices"]}
    given = [position for position in positions.values() if position]
    if not given:
        return None
    if len(given) < len(positions):
        raise InvalidResponseError(
            question_id, f"Give every step a position: {len(given)} of {len(positions)} have one."
        )
    if len(set(given)) != len(given):
        raise InvalidResponseError(question_id, "Give each step a different position.")
    try:
        return sorted(positions, key=lambda step: int(positions[step] or 0))
    except ValueError:
        raise InvalidResponseError(question_id, "Positions are numbers, 1 for the first step.") from None


# What to tell a learner whose answer the quiz refused (the quiz's own message is written for API callers).
FIX_MESSAGES: dict[str, str] = {
    "numeric": "Write your answer as a number, for example 45 or 2.5.",
    "single": "Pick one of the answers.",
    "likert": "Pick one of the answers.",
    "true-false": "Pick True or False.",
    "multiple": "Pick from the answers shown.",
    "matching": "Match each item with one of the answers shown.",
    "ordering": "Give each step a different position.",
}


# What to tell a learner who sent a question's form with nothing given (a knowledge check, a drill).
NOTHING_GIVEN: dict[str, str] = {
    "ordering": "Put the steps in order, then check your answer.",
    "matching": "Match each item with an answer, then check your answer.",
    "numeric": "Write your answer, then check it.",
    "fill-in": "Write your answer, then check it.",
    "essay": "Write your answer, then check it.",
}


def nothing_given(question_type: str) -> str:
    return NOTHING_GIVEN.get(question_type, "Pick an answer, then check it.")


def fix_message(question_type: str, refused: str) -> str:
    """Say what to fix in a refused answer, in the learner's words."""
    return FIX_MESSAGES.get(question_type) or refused[:1].upper() + refused[1:]


RESPONSE_READERS: dict[str, Reader] = {
    "single": _text,
    "likert": _text,
    "multiple": _many,
    "true-false": _boolean,
    "fill-in": _text,
    "numeric": _text,
    "essay": _text,
    "matching": _pairs,
    "ordering": _positions,
}


def read_answers_checked(
    form: MultiDict[str, str],
    questions: Iterable[dict[str, Any]],
    attempt_id: int,
    *,
    keep_empty: bool = False,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Return the answers given in the form and, per question whose fields cannot be read, what to fix.

    Unanswered questions are left out; a field of a question outside the attempt is refused.
    ``keep_empty`` keeps an emptied multiple choice (every box unticked): an autosave clears the answer,
    whereas the whole form leaves questions nobody touched unanswered.
    """
    views = {view["id"]: view for view in questions}
    for name in form:
        if name.startswith(PREFIX):
            question_id = name[len(PREFIX) :].split(".", 1)[0]
            if question_id not in views:
                raise QuestionNotInAttemptError(attempt_id, question_id)
    answers, problems = {}, {}
    for question_id, view in views.items():
        try:
            value = RESPONSE_READERS[view["type"]](form, question_id, view)
        except InvalidResponseError as error:
            problems[question_id] = error.message
            continue
        if value is not None and (keep_empty or value != []):
            answers[question_id] = value
    return answers, problems
