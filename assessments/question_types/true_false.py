"""``true-false``: field ``answer: true|false``; response ``true`` or ``false``."""

from __future__ import annotations

from typing import Any

from assessments.model import Question
from assessments.question_source import QuestionDraft
from assessments.question_types.base import FLAG_VALUES, Order, Parts, QuestionType, ResponseError


class TrueFalse(QuestionType):
    name = "true-false"
    xapi_interaction_type = "true-false"
    fields = frozenset({"answer"})

    def parse(self, draft: QuestionDraft) -> Parts | None:
        answer = draft.fields.get("answer")
        if answer is None:
            draft.error("a true-false question needs an answer", hint='add "answer: true" or "answer: false"')
            return None
        value = FLAG_VALUES.get(answer.value.lower())
        if value is None:
            draft.error(f'answer must be true or false, not "{answer.value}"', answer)
            return None
        return Parts(key={"answer": value})

    def validate_response(self, question: Question, response: Any) -> bool:
        if isinstance(response, bool):
            return response
        if isinstance(response, str) and response.lower() in ("true", "false"):
            return response.lower() == "true"
        raise ResponseError("a true-false response must be true or false")

    def is_correct(self, question: Question, response: Any) -> bool:
        return bool(response == question.key["answer"])

    def public_view(
        self, question: Question, choice_order: Order = None, target_order: Order = None
    ) -> dict[str, Any]:
        return super().public_view(question)

    def correct_responses_pattern(self, question: Question) -> list[str]:
        return ["true" if question.key["answer"] else "false"]

    def format_response(self, question: Question, response: Any) -> str:
        return "true" if self.validate_response(question, response) else "false"
