"""``matching``: ``- Left -> Right`` pairs and ``- -> Distractor``; response ``{"a": "1", …}``.

Left sides get letter ids (``a``, ``b`` …) and right sides number ids (``1``, ``2`` …), both positional; two
left sides with the same right-hand text share one target.
"""

from __future__ import annotations

from typing import Any

from assessments.model import Choice, Question
from assessments.question_source import QuestionDraft
from assessments.question_types.base import (
    Order,
    Parts,
    QuestionOutcome,
    QuestionType,
    ResponseError,
    choice_id,
    described,
    ordered,
    parse_flag,
    public_choices,
    scrambled,
)

ARROW = "->"


class Matching(QuestionType):
    name = "matching"
    xapi_interaction_type = "matching"
    fields = frozenset({"partial"})

    def parse(self, draft: QuestionDraft) -> Parts | None:
        items = draft.take_list("bullet")
        if not items:
            draft.error("a matching question needs a list of pairs", hint="write '- Left side -> Right side'")
            return None
        lefts: list[Choice] = []
        targets: dict[str, Choice] = {}
        for item in items:
            if ARROW not in item.text:
                draft.error("matching item without ->", item, hint="write '- Left side -> Right side'")
                continue
            left, right = (part.strip() for part in item.text.split(ARROW, 1))
            if not right:
                draft.error("matching item has no right-hand side", item)
                continue
            if right not in targets:
                targets[right] = Choice(str(len(targets) + 1), right, draft.render_inline(right))
            if left:
                lefts.append(
                    Choice(
                        choice_id(len(lefts)),
                        left,
                        draft.render_inline(left),
                        pinned=item.pinned,
                        feedback=item.feedback,
                        match=targets[right].id,
                    )
                )
        if len(lefts) < 2 and len(lefts) == len([i for i in items if ARROW in i.text]):
            draft.error("a matching question needs at least two pairs")
        return Parts(
            choices=tuple(lefts),
            targets=tuple(targets.values()),
            key={"partial": parse_flag(draft, "partial")},
        )

    def validate_response(self, question: Question, response: Any) -> dict[str, str]:
        if not isinstance(response, dict):
            raise ResponseError('a matching response must map left ids to target ids: {"a": "1"}')
        lefts, targets = {c.id for c in question.choices}, {t.id for t in question.targets}
        for left, target in response.items():
            if left not in lefts:
                raise ResponseError(f'unknown item "{str(left)[:40]}"')
            if not isinstance(target, str) or target not in targets:
                raise ResponseError(f'unknown target "{str(target)[:40]}"')
        return dict(response)

    def is_correct(self, question: Question, response: Any) -> bool:
        return all(response.get(c.id) == c.match for c in question.choices)

    def score(self, question: Question, response: Any) -> QuestionOutcome:
        outcome = super().score(question, response)
        if response is None or outcome.correct or not question.key.get("partial"):
            return outcome
        pairs = self.validate_response(question, response)
        share = sum(pairs.get(c.id) == c.match for c in question.choices) / len(question.choices)
        return QuestionOutcome(round(question.points * share, 6), question.points, False)

    def public_view(
        self, question: Question, choice_order: Order = None, target_order: Order = None
    ) -> dict[str, Any]:
        targets = (
            ordered(question.targets, target_order) if target_order else scrambled(question, question.targets)
        )
        return {
            **super().public_view(question),
            "choices": public_choices(ordered(question.choices, choice_order)),
            "targets": public_choices(targets),
        }

    def correct_responses_pattern(self, question: Question) -> list[str]:
        return ["[,]".join(f"{c.id}[.]{c.match}" for c in question.choices)]

    def format_response(self, question: Question, response: Any) -> str:
        pairs = self.validate_response(question, response)
        return "[,]".join(f"{c.id}[.]{pairs[c.id]}" for c in question.choices if c.id in pairs)

    def interaction_components(self, question: Question) -> dict[str, list[dict[str, Any]]]:
        return {"source": described(question.choices), "target": described(question.targets)}
