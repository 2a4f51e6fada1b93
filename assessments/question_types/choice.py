"""Shared by ``single`` and ``multiple``: a ``- [x]`` / ``- [ ]`` list of choices."""

from __future__ import annotations

from typing import Any

from assessments.model import Choice, Question
from assessments.question_source import QuestionDraft
from assessments.question_types.base import (
    Order,
    QuestionType,
    ResponseError,
    choices_from,
    described,
    ordered,
    public_choices,
)


class ChoiceQuestion(QuestionType):
    xapi_interaction_type = "choice"

    def read_choices(self, draft: QuestionDraft) -> tuple[Choice, ...] | None:
        items = draft.take_list("bullet")
        if not items:
            draft.error(
                f"a {self.name} question needs a list of choices",
                hint="write one choice per line: '- [x] right' or '- [ ] wrong'",
            )
            return None
        for item in items:
            if item.checked is None:
                draft.error(
                    "choice has no [x] or [ ] box", item, hint="start the choice with '[x] ' or '[ ] '"
                )
        if len(items) < 2:
            draft.error(f"a {self.name} question needs at least two choices")
        return choices_from(draft, items)

    def choice_ids(self, question: Question) -> set[str]:
        return {c.id for c in question.choices}

    def check_choice(self, question: Question, value: Any) -> str:
        if not isinstance(value, str):
            raise ResponseError("a choice must be given by its id (a string)")
        if value not in self.choice_ids(question):
            raise ResponseError(f'unknown choice "{value[:40]}"')
        return value

    def picked_feedback(self, question: Question, response: Any) -> tuple[str, ...]:
        picked = {response} if isinstance(response, str) else set(response)
        return tuple(c.feedback for c in question.choices if c.id in picked and c.feedback)

    def public_view(
        self, question: Question, choice_order: Order = None, target_order: Order = None
    ) -> dict[str, Any]:
        return {
            **super().public_view(question),
            "choices": public_choices(ordered(question.choices, choice_order)),
        }

    def interaction_components(self, question: Question) -> dict[str, list[dict[str, Any]]]:
        return {"choices": described(question.choices)}
