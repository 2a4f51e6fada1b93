"""``numeric``: ``answer`` with optional ``tolerance``, or ``range: lo..hi``; response a number."""

from __future__ import annotations

import re
from typing import Any

from assessments.model import Question
from assessments.question_source import FieldValue, QuestionDraft
from assessments.question_types.base import (
    GROUPED_RE,
    Parts,
    QuestionType,
    ResponseError,
    format_number,
    parse_number,
)

RANGE_RE = re.compile(r"^\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s*$")


class Numeric(QuestionType):
    name = "numeric"
    xapi_interaction_type = "numeric"
    fields = frozenset({"answer", "tolerance", "range"})

    def parse(self, draft: QuestionDraft) -> Parts | None:
        answer, range_field = draft.fields.get("answer"), draft.fields.get("range")
        if range_field is not None:
            return self._range(draft, range_field)
        if answer is None:
            draft.error(
                "a numeric question needs an answer or a range",
                hint='add "answer: 42" (with "tolerance: 0.5" if you like) or "range: 10..20"',
            )
            return None
        value = self._number(draft, answer)
        tolerance_field = draft.fields.get("tolerance")
        tolerance = self._number(draft, tolerance_field) if tolerance_field else 0.0
        if value is None or tolerance is None:
            return None
        if tolerance < 0:
            draft.error("tolerance must not be negative", tolerance_field)
        return Parts(key={"answer": value, "tolerance": abs(tolerance)})

    def _range(self, draft: QuestionDraft, field: FieldValue) -> Parts | None:
        match = RANGE_RE.match(field.value)
        try:
            low, high = (float(match.group(1)), float(match.group(2))) if match else (None, None)
        except ValueError:
            low = high = None
        if match is None or low is None or high is None:
            draft.error(f'range must look like "10..20", not "{field.value}"', field)
            return None
        if low > high:
            draft.error(
                f"reversed range: {field.value}", field, hint=f"write {match.group(2)}..{match.group(1)}"
            )
            return None
        return Parts(key={"min": low, "max": high})

    @staticmethod
    def _number(draft: QuestionDraft, field: FieldValue) -> float | None:
        if "," in field.value and not GROUPED_RE.match(field.value):
            draft.error(
                f'expected a number, not "{field.value}"',
                field,
                hint="write decimals with a point (1.5); a comma only groups thousands (1,000)",
            )
            return None
        try:
            return parse_number(field.value, "value")
        except ResponseError:
            draft.error(f'expected a number, not "{field.value}"', field)
            return None

    def bounds(self, question: Question) -> tuple[float, float]:
        key = question.key
        if "min" in key:
            return key["min"], key["max"]
        return key["answer"] - key["tolerance"], key["answer"] + key["tolerance"]

    def validate_response(self, question: Question, response: Any) -> float:
        return parse_number(response)

    def is_correct(self, question: Question, response: Any) -> bool:
        low, high = self.bounds(question)
        return low - 1e-9 <= response <= high + 1e-9

    def correct_responses_pattern(self, question: Question) -> list[str]:
        low, high = self.bounds(question)
        if low == high:
            return [format_number(low)]
        return [f"{format_number(low)}[:]{format_number(high)}"]

    def format_response(self, question: Question, response: Any) -> str:
        return format_number(self.validate_response(question, response))
