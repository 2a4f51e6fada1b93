"""``fill-in``: accepted ``answers``, ``case``, ``whitespace`` and an optional ``pattern``; response text.

``answers`` are separated by commas; an answer that holds a comma is written in double quotes
(``answers: "Smith, John", Smith``), with ``""`` for a double quote inside the quotes.
"""

from __future__ import annotations

import re
from typing import Any

from assessments.model import Question
from assessments.question_source import QuestionDraft
from assessments.question_types.base import Parts, QuestionType, ResponseError

MAX_RESPONSE = 1000
CASE_VALUES = ("insensitive", "sensitive")
WHITESPACE_VALUES = ("normalize", "exact")
QUOTED_RE = re.compile(r'[ \t]*"((?:[^"]|"")*)"[ \t]*(,|$)')
PLAIN_RE = re.compile(r"([^,]*)(,|$)")


def split_answers(text: str) -> list[str]:
    """Split ``first, "with, a comma", third`` into answers; raise ValueError on a broken quote."""
    answers: list[str] = []
    index = 0
    while True:
        quoted = QUOTED_RE.match(text, index)
        if quoted:
            answer, separator, index = quoted.group(1).replace('""', '"'), quoted.group(2), quoted.end()
        elif text[index:].lstrip().startswith('"'):
            number = len(answers) + 1
            raise ValueError(f"answer {number} starts with a double quote but does not end with one")
        else:
            plain = PLAIN_RE.match(text, index)
            assert plain is not None  # matches up to the next comma or the end, possibly nothing
            answer, separator, index = plain.group(1).strip(), plain.group(2), plain.end()
        if answer.strip():
            answers.append(answer)
        if not separator:
            return answers


def normalise(text: str, whitespace: str) -> str:
    return " ".join(text.split()) if whitespace == "normalize" else text


class FillIn(QuestionType):
    name = "fill-in"
    xapi_interaction_type = "fill-in"
    fields = frozenset({"answers", "answer", "case", "whitespace", "pattern"})

    def parse(self, draft: QuestionDraft) -> Parts | None:
        case = self._choice(draft, "case", CASE_VALUES)
        whitespace = self._choice(draft, "whitespace", WHITESPACE_VALUES)
        answers = self._answers(draft)
        pattern = draft.fields.get("pattern")
        if pattern is not None:
            try:
                re.compile(pattern.value)
            except re.error as error:
                draft.error(f"invalid regular expression: {error}", pattern)
        if not answers and pattern is None:
            draft.error(
                "a fill-in question needs accepted answers or a pattern",
                hint='add "answers: first, second" or "pattern: REGEX"',
            )
            return None
        return Parts(
            key={
                "answers": answers,
                "case": case,
                "whitespace": whitespace,
                "pattern": pattern.value if pattern else None,
            }
        )

    @staticmethod
    def _answers(draft: QuestionDraft) -> list[str]:
        field = draft.fields.get("answers")
        single = draft.fields.get("answer")
        if field is not None and single is not None:
            draft.error('write the accepted answers in "answers" only, not also in "answer"', single)
        field = field or single
        if field is None:
            return []
        try:
            return split_answers(field.value)
        except ValueError as error:
            draft.error(
                str(error),
                field,
                hint='put an answer that holds a comma in double quotes: "Smith, John", Smith',
            )
            return []

    @staticmethod
    def _choice(draft: QuestionDraft, name: str, allowed: tuple[str, ...]) -> str:
        value = draft.fields.get(name)
        if value is None:
            return allowed[0]
        if value.value.lower() not in allowed:
            draft.error(f'"{name}" must be one of: {", ".join(allowed)}', value)
            return allowed[0]
        return value.value.lower()

    def validate_response(self, question: Question, response: Any) -> str:
        if not isinstance(response, str):
            raise ResponseError("a fill-in response must be text")
        if len(response) > MAX_RESPONSE:
            raise ResponseError(f"a fill-in response must be at most {MAX_RESPONSE} characters")
        return response

    def is_correct(self, question: Question, response: Any) -> bool:
        key = question.key
        text = normalise(response, key["whitespace"])
        sensitive = key["case"] == "sensitive"
        fold = (lambda s: s) if sensitive else str.casefold
        if any(fold(text) == fold(normalise(answer, key["whitespace"])) for answer in key["answers"]):
            return True
        pattern = key.get("pattern")
        return bool(pattern and re.fullmatch(pattern, text, 0 if sensitive else re.IGNORECASE))

    def correct_responses_pattern(self, question: Question) -> list[str]:
        matters = "true" if question.key["case"] == "sensitive" else "false"
        return [f"{{case_matters={matters}}}{answer}" for answer in question.key["answers"]]

    def format_response(self, question: Question, response: Any) -> str:
        return self.validate_response(question, response)
