"""Responses and correct answers in words, for the results page (one describer per question type)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.numbers import number
from assessments.model import Choice, Question

Describer = Callable[[Question, Any], str]


def _texts(choices: tuple[Choice, ...], ids: list[str]) -> str:
    by_id = {c.id: c.text for c in choices}
    return "; ".join(by_id.get(i, i) for i in ids)


def _choice(question: Question, response: Any) -> str:
    return _texts(question.choices, [response])


def _choices(question: Question, response: Any) -> str:
    return _texts(question.choices, list(response)) or "(none picked)"


def _boolean(question: Question, response: Any) -> str:
    return "True" if response else "False"


def _plain(question: Question, response: Any) -> str:
    return str(response)


def _number(question: Question, response: Any) -> str:
    return number(response, places=6)


def _pairs(question: Question, response: Any) -> str:
    targets = {c.id: c.text for c in question.targets}
    return "; ".join(
        f"{c.text} → {targets.get(response.get(c.id, ''), '(no match)')}" for c in question.choices
    )


def _steps(question: Question, response: Any) -> str:
    by_id = {c.id: c.text for c in question.choices}
    return "; ".join(f"{n}. {by_id.get(step, step)}" for n, step in enumerate(response, start=1))


RESPONSE_DESCRIBERS: dict[str, Describer] = {
    "single": _choice,
    "likert": _choice,
    "multiple": _choices,
    "true-false": _boolean,
    "fill-in": _plain,
    "numeric": _number,
    "essay": _plain,
    "matching": _pairs,
    "ordering": _steps,
}


def _numeric_answer(question: Question) -> str:
    key = question.key
    if "min" in key or "max" in key:
        return f"between {number(key.get('min'), places=6)} and {number(key.get('max'), places=6)}"
    answer, tolerance = number(key.get("answer"), places=6), key.get("tolerance")
    return f"{answer} (± {number(tolerance, places=6)})" if tolerance else answer


ANSWER_DESCRIBERS: dict[str, Callable[[Question], str | None]] = {
    "single": lambda q: _texts(q.choices, [c.id for c in q.choices if c.correct]),
    "multiple": lambda q: _texts(q.choices, [c.id for c in q.choices if c.correct]),
    "true-false": lambda q: _boolean(q, q.key.get("answer")),
    "fill-in": lambda q: " or ".join(q.key.get("answers") or []) or None,
    "numeric": _numeric_answer,
    "matching": lambda q: _pairs(q, {c.id: c.match for c in q.choices}),
    "ordering": lambda q: _steps(q, [c.id for c in q.choices]),
    "likert": lambda q: None,
    "essay": lambda q: None,
}


def describe_response(question: Question, response: Any) -> str:
    if response is None:
        return "(not answered)"
    return RESPONSE_DESCRIBERS[question.type](question, response)


def describe_answer(question: Question) -> str | None:
    return ANSWER_DESCRIBERS[question.type](question)
