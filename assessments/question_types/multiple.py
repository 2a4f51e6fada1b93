"""``multiple``: one or more correct choices; response ``["a", "c"]``; ``partial: true`` for a share."""

from __future__ import annotations

from typing import Any

from assessments.model import Question
from assessments.question_source import QuestionDraft
from assessments.question_types.base import Parts, QuestionOutcome, ResponseError, parse_flag
from assessments.question_types.choice import ChoiceQuestion


class MultipleChoice(ChoiceQuestion):
    name = "multiple"
    fields = frozenset({"partial"})

    def parse(self, draft: QuestionDraft) -> Parts | None:
        choices = self.read_choices(draft)
        if choices is None:
            return None
        if not any(c.correct for c in choices):
            draft.error("no correct choice", hint="mark every right choice with [x]")
        return Parts(choices=choices, key={"partial": parse_flag(draft, "partial")})

    def validate_response(self, question: Question, response: Any) -> list[str]:
        if not isinstance(response, list):
            raise ResponseError("a multiple-choice response must be a list of choice ids")
        picked = [self.check_choice(question, value) for value in response]
        if len(set(picked)) != len(picked):
            raise ResponseError("a choice is picked more than once")
        order = [c.id for c in question.choices]
        return sorted(picked, key=order.index)

    def is_correct(self, question: Question, response: Any) -> bool:
        return set(response) == {c.id for c in question.choices if c.correct}

    def score(self, question: Question, response: Any) -> QuestionOutcome:
        outcome = super().score(question, response)
        if response is None or outcome.correct or not question.key.get("partial"):
            return outcome
        picked = set(self.validate_response(question, response))
        right = {c.id for c in question.choices if c.correct}
        share = max(0.0, (len(picked & right) - len(picked - right)) / len(right))
        return QuestionOutcome(
            round(question.points * share, 6), question.points, False, feedback=outcome.feedback
        )

    def correct_responses_pattern(self, question: Question) -> list[str]:
        return ["[,]".join(c.id for c in question.choices if c.correct)]

    def format_response(self, question: Question, response: Any) -> str:
        return "[,]".join(self.validate_response(question, response))
