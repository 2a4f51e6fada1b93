"""``ordering``: an ordered list in the correct order; response ``["c", "a", "b"]`` (xAPI ``sequencing``)."""

from __future__ import annotations

from typing import Any

from assessments.model import Question
from assessments.question_source import QuestionDraft
from assessments.question_types.base import (
    Order,
    Parts,
    QuestionType,
    ResponseError,
    choices_from,
    described,
    ordered,
    public_choices,
    scrambled,
)


class Ordering(QuestionType):
    name = "ordering"
    xapi_interaction_type = "sequencing"

    def parse(self, draft: QuestionDraft) -> Parts | None:
        items = draft.take_list("ordered")
        if not items or len(items) < 2:
            draft.error(
                "an ordering question needs at least two steps",
                hint="write the steps as a numbered list (1. … 2. …) in the right order",
            )
            return None
        return Parts(choices=choices_from(draft, items))

    def validate_response(self, question: Question, response: Any) -> list[str]:
        ids = [c.id for c in question.choices]
        if not isinstance(response, list) or not all(isinstance(v, str) for v in response):
            raise ResponseError("an ordering response must be a list of step ids")
        if sorted(response) != sorted(ids):
            raise ResponseError("an ordering response must name every step exactly once")
        return list(response)

    def is_correct(self, question: Question, response: Any) -> bool:
        return response == [c.id for c in question.choices]

    def public_view(
        self, question: Question, choice_order: Order = None, target_order: Order = None
    ) -> dict[str, Any]:
        # The source order is the answer, so the steps are never shown in it by default.
        steps = (
            ordered(question.choices, choice_order) if choice_order else scrambled(question, question.choices)
        )
        return {**super().public_view(question), "choices": public_choices(steps)}

    def correct_responses_pattern(self, question: Question) -> list[str]:
        return ["[,]".join(c.id for c in question.choices)]

    def format_response(self, question: Question, response: Any) -> str:
        return "[,]".join(self.validate_response(question, response))

    def interaction_components(self, question: Question) -> dict[str, list[dict[str, Any]]]:
        return {"choices": described(question.choices)}
