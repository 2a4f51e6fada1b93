"""``likert``: a scale from lowest to highest, unscored; response ``"a"``."""

from __future__ import annotations

from typing import Any

from assessments.model import Question
from assessments.question_source import QuestionDraft
from assessments.question_types.base import (
    Order,
    Parts,
    QuestionOutcome,
    QuestionType,
    ResponseError,
    choices_from,
    described,
    public_choices,
)


class Likert(QuestionType):
    name = "likert"
    xapi_interaction_type = "likert"
    default_points = 0.0

    def parse(self, draft: QuestionDraft) -> Parts | None:
        items = draft.take_list("bullet") or draft.take_list("ordered")
        if not items or len(items) < 2:
            draft.error(
                "a likert question needs a scale of at least two points",
                hint="list the scale from lowest to highest, one '- ' item each",
            )
            return None
        return Parts(choices=choices_from(draft, items))

    def validate_response(self, question: Question, response: Any) -> str:
        if not isinstance(response, str) or response not in {c.id for c in question.choices}:
            raise ResponseError("a likert response must be the id of a point on the scale")
        return response

    def score(self, question: Question, response: Any) -> QuestionOutcome:
        if response is not None:
            self.validate_response(question, response)
        return QuestionOutcome(0.0, 0.0, None, answered=response is not None)

    def public_view(
        self, question: Question, choice_order: Order = None, target_order: Order = None
    ) -> dict[str, Any]:
        # A scale keeps its order whatever the shuffle setting.
        return {**super().public_view(question), "choices": public_choices(question.choices)}

    def format_response(self, question: Question, response: Any) -> str:
        return self.validate_response(question, response)

    def interaction_components(self, question: Question) -> dict[str, list[dict[str, Any]]]:
        return {"scale": described(question.choices)}
