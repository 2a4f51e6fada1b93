"""Answers a demo learner gives: the right one or a plausible wrong one, for every question type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assessments.model import Question
from assessments.question_types import QUESTION_TYPES

ESSAY_ANSWERS = (
    "I would let the caller finish, say back what I heard so they know I understood, tell them what I "
    "can do today and when they will hear from us, and note it on the account before the call ends.",
    "First I would acknowledge how frustrating this has been, then check the account details, explain "
    "the options in plain words and agree the next step with the caller so nothing is left open.",
    "I would stay calm, not take it personally, ask one question at a time and summarise the agreed "
    "action at the end of the call.",
)


def _correct_choice(question: Question) -> str:
    return next(c.id for c in question.choices if c.correct)


def _wrong_choice(question: Question) -> str:
    return next((c.id for c in question.choices if not c.correct), question.choices[0].id)


def _correct_choices(question: Question) -> list[str]:
    return [c.id for c in question.choices if c.correct]


def _wrong_choices(question: Question) -> list[str]:
    # One right choice missed and one wrong one picked: a typical near miss.
    right = _correct_choices(question)
    return list(dict.fromkeys([*right[:-1], _wrong_choice(question)]))


def _numeric_bounds(question: Question) -> tuple[float, float]:
    return QUESTION_TYPES["numeric"].bounds(question)  # type: ignore[attr-defined,no-any-return]


def _wrong_number(question: Question) -> float:
    _low, high = _numeric_bounds(question)
    return high + max(1.0, abs(high) * 0.5)


def _matches(question: Question) -> dict[str, str]:
    return {c.id: c.match or "" for c in question.choices}


def _swapped_matches(question: Question) -> dict[str, str]:
    pairs = _matches(question)
    if len(pairs) > 1:
        first, second = list(pairs)[:2]
        pairs[first], pairs[second] = pairs[second], pairs[first]
    return pairs


def _steps(question: Question) -> list[str]:
    return [c.id for c in question.choices]


def _swapped_steps(question: Question) -> list[str]:
    steps = _steps(question)
    if len(steps) > 1:
        steps[0], steps[1] = steps[1], steps[0]
    return steps


def _agree(question: Question) -> str:
    return question.choices[len(question.choices) * 3 // 4].id


def _essay(question: Question) -> str:
    return ESSAY_ANSWERS[sum(map(ord, question.id)) % len(ESSAY_ANSWERS)]


# question type -> (right answer, wrong answer); a likert or essay answer is neither right nor wrong.
ANSWERS: dict[str, tuple[Callable[[Question], Any], Callable[[Question], Any]]] = {
    "single": (_correct_choice, _wrong_choice),
    "multiple": (_correct_choices, _wrong_choices),
    "true-false": (lambda q: bool(q.key["answer"]), lambda q: not q.key["answer"]),
    "fill-in": (lambda q: (q.key.get("answers") or ["not sure"])[0], lambda _q: "not sure"),
    "numeric": (lambda q: _numeric_bounds(q)[0], _wrong_number),
    "matching": (_matches, _swapped_matches),
    "ordering": (_steps, _swapped_steps),
    "likert": (_agree, _agree),
    "essay": (_essay, _essay),
}


def answer(question: Question, *, right: bool) -> Any:
    """Return a response to ``question`` that is right, or plausibly wrong."""
    give_right, give_wrong = ANSWERS[question.type]
    return give_right(question) if right else give_wrong(question)
