"""``single``: exactly one correct choice; response ``"a"``."""

from __future__ import annotations

from typing import Any

from assessments.model import Question
from assessments.question_source import QuestionDraft
from assessments.question_types.base import Parts
from assessments.question_types.choice import ChoiceQuestion


class SingleChoice(ChoiceQuestion):
    name = "single"

    def parse(self, draft: QuestionDraft) -> Parts | None:
        choices = self.read_choices(draft)
        if choices is None:
            return None
        correct = [c for c in choices if c.correct]
        if not correct:
            draft.error("no correct choice", hint="mark the right choice with [x]")
        elif len(correct) > 1:
            draft.error(
                f"a single question has {len(correct)} correct choices",
                hint='use "type: multiple" for several right answers',
            )
        return Parts(choices=choices)

    def validate_response(self, question: Question, response: Any) -> str:
        return self.check_choice(question, response)

    def is_correct(self, question: Question, response: Any) -> bool:
        return any(c.id == response and c.correct for c in question.choices)

    def correct_responses_pattern(self, question: Question) -> list[str]:
        return [c.id for c in question.choices if c.correct]

    def format_response(self, question: Question, response: Any) -> str:
        return self.validate_response(question, response)
