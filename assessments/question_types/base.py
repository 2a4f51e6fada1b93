"""What every question type knows: parsing its body, checking and scoring responses, the learner's view
(without the answer key) and its xAPI interaction definition."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from assessments.model import Choice, Question
from assessments.question_source import Item, QuestionDraft

LANGUAGE = "en"
Order = list[str] | tuple[str, ...] | None  # ids in the order the learner sees them


class ResponseError(ValueError):
    """A malformed or tampered response (unknown choice id, wrong JSON shape …)."""


@dataclass(frozen=True, slots=True)
class Parts:
    """What a type reads from a question body: its choices, matching targets and answer key."""

    choices: tuple[Choice, ...] = ()
    targets: tuple[Choice, ...] = ()
    key: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class QuestionOutcome:
    score: float
    max_score: float
    correct: bool | None  # None: not scored (likert) or not graded yet (essay)
    pending: bool = False  # True while a mentor has not graded it
    answered: bool = True
    feedback: tuple[str, ...] = ()  # feedback of the picked choices


def choice_id(index: int) -> str:
    """Return the positional id of a choice: a, b, … z, aa, ab …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


MAX_CHOICE_TEXT = 255  # SCORM 1.2 cuts longer interaction descriptions


def choices_from(draft: QuestionDraft, items: list[Item]) -> tuple[Choice, ...]:
    """Turn list items into positional choices, warning about texts SCORM 1.2 would cut."""
    for item in items:
        if not item.text:
            draft.error("empty choice", item)
        elif len(item.text) > MAX_CHOICE_TEXT:
            draft.warning(
                f"choice text is {len(item.text)} characters; SCORM 1.2 cuts it at {MAX_CHOICE_TEXT}", item
            )
    return tuple(
        Choice(
            choice_id(i),
            item.text,
            item.html,
            correct=bool(item.checked),
            pinned=item.pinned,
            feedback=item.feedback,
        )
        for i, item in enumerate(items)
    )


def described(choices: tuple[Choice, ...]) -> list[dict[str, Any]]:
    return [{"id": c.id, "description": {LANGUAGE: c.text}} for c in choices]


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# A comma in a number only groups thousands (12,500 or 1,234.5): "1,5" is refused rather than read as 15.
GROUPED_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")


def parse_number(value: Any, what: str = "response") -> float:
    """Accept an int, float or numeric string (never a bool, NaN or infinity).

    Commas may only group thousands: "1,5" is an error (write 1.5), never 15.
    """
    if isinstance(value, bool):
        raise ResponseError(f"{what} must be a number, not a boolean")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        if "," in value and not GROUPED_RE.match(value.strip()):
            raise ResponseError(
                f"{what} must be a number: write decimals with a point (1.5); a comma only groups thousands"
            )
        try:
            number = float(value.strip().replace(",", "")) if value.strip() else math.nan
        except ValueError:
            raise ResponseError(f"{what} must be a number") from None
    else:
        raise ResponseError(f"{what} must be a number")
    if not math.isfinite(number):
        raise ResponseError(f"{what} must be a finite number")
    return number


class QuestionType:
    name: ClassVar[str]
    xapi_interaction_type: ClassVar[str]
    fields: ClassVar[frozenset[str]] = frozenset()  # fields accepted besides the common ones
    default_points: ClassVar[float] = 1.0

    def parse(self, draft: QuestionDraft) -> Parts | None:
        """Read the type's fields and list into Parts, reporting problems on the draft."""
        raise NotImplementedError

    def validate_response(self, question: Question, response: Any) -> Any:
        """Return the response normalised, or raise ResponseError."""
        raise NotImplementedError

    def is_correct(self, question: Question, response: Any) -> bool:
        raise NotImplementedError

    def score(self, question: Question, response: Any) -> QuestionOutcome:
        """Score a response (None: unanswered); pure."""
        if response is None:
            return QuestionOutcome(0.0, question.points, False, answered=False)
        value = self.validate_response(question, response)
        correct = self.is_correct(question, value)
        return QuestionOutcome(
            question.points if correct else 0.0,
            question.points,
            correct,
            feedback=self.picked_feedback(question, value),
        )

    def picked_feedback(self, question: Question, response: Any) -> tuple[str, ...]:
        return ()

    def public_view(
        self, question: Question, choice_order: Order = None, target_order: Order = None
    ) -> dict[str, Any]:
        """Return what the learner's page may show: no answer key, feedback or correct flags."""
        return {
            "id": question.id,
            "type": question.type,
            "stem": question.stem,
            "stem_html": question.stem_html,
            "points": question.points,
            "hint": question.hint,
        }

    def correct_responses_pattern(self, question: Question) -> list[str]:
        return []

    def format_response(self, question: Question, response: Any) -> str:
        return str(self.validate_response(question, response))

    def interaction_components(self, question: Question) -> dict[str, list[dict[str, Any]]]:
        return {}


def ordered(choices: tuple[Choice, ...], order: Order) -> tuple[Choice, ...]:
    """Return the choices in the given order of ids (the source order when None)."""
    if not order:
        return choices
    by_id = {c.id: c for c in choices}
    if sorted(order) != sorted(by_id):
        raise ValueError("the choice order must name every choice once")
    return tuple(by_id[i] for i in order)


def public_choices(choices: tuple[Choice, ...]) -> list[dict[str, str]]:
    return [{"id": c.id, "text": c.text, "html": c.html} for c in choices]


FLAG_VALUES = {"true": True, "yes": True, "false": False, "no": False}


def parse_flag(draft: QuestionDraft, name: str, default: bool = False) -> bool:
    """Read a true/false field of a question."""
    value = draft.fields.get(name)
    if value is None:
        return default
    flag = FLAG_VALUES.get(value.value.lower())
    if flag is None:
        draft.error(f'"{name}" must be true or false', value)
        return default
    return flag


def scrambled(question: Question, choices: tuple[Choice, ...]) -> tuple[Choice, ...]:
    """Return a fixed order that differs from the source order (which may reveal the answer)."""
    import hashlib

    result = tuple(sorted(choices, key=lambda c: hashlib.sha256(f"{question.id}:{c.id}".encode()).digest()))
    if len(result) > 1 and result == choices:
        result = result[1:] + result[:1]
    return result
