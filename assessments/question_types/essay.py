"""``essay``: free text graded by a mentor (``words: 30..200``, ``rubric: …``); response ``"text"``."""

from __future__ import annotations

import re
from typing import Any

from assessments.model import Question
from assessments.question_source import QuestionDraft
from assessments.question_types.base import Order, Parts, QuestionOutcome, QuestionType, ResponseError

WORDS_RE = re.compile(r"^\s*(\d+)\s*\.\.\s*(\d+)\s*$")
MAX_RESPONSE = 20_000


class Essay(QuestionType):
    name = "essay"
    xapi_interaction_type = "long-fill-in"
    fields = frozenset({"words", "rubric"})

    def parse(self, draft: QuestionDraft) -> Parts | None:
        key: dict[str, Any] = {"words": None, "rubric": None}
        words = draft.fields.get("words")
        if words is not None:
            match = WORDS_RE.match(words.value)
            if not match:
                draft.error(f'words must look like "30..200", not "{words.value}"', words)
            elif int(match.group(1)) > int(match.group(2)):
                draft.error(f"reversed range: {words.value}", words)
            else:
                key["words"] = [int(match.group(1)), int(match.group(2))]
        rubric = draft.fields.get("rubric")
        if rubric is not None:
            key["rubric"] = rubric.value
        return Parts(key=key)

    def validate_response(self, question: Question, response: Any) -> str:
        if not isinstance(response, str):
            raise ResponseError("an essay response must be text")
        if len(response) > MAX_RESPONSE:
            raise ResponseError(f"an essay response must be at most {MAX_RESPONSE} characters")
        return response

    def score(self, question: Question, response: Any) -> QuestionOutcome:
        if response is None or not self.validate_response(question, response).strip():
            return QuestionOutcome(0.0, question.points, False, answered=False)
        return QuestionOutcome(0.0, question.points, None, pending=True)

    def public_view(
        self, question: Question, choice_order: Order = None, target_order: Order = None
    ) -> dict[str, Any]:
        return {**super().public_view(question), "words": question.key.get("words")}

    def format_response(self, question: Question, response: Any) -> str:
        return self.validate_response(question, response)
