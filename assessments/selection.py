"""Which questions an attempt gets, in which order, with which choice order: deterministic from a seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from assessments.model import Choice, Question, Quiz

# Types whose source order gives the answer away: their choices are always shuffled.
ALWAYS_SHUFFLED = frozenset({"ordering"})
# Types whose choices keep their order whatever the setting (a scale runs from low to high).
NEVER_SHUFFLED = frozenset({"likert", "true-false", "fill-in", "numeric", "essay"})


@dataclass(frozen=True, slots=True)
class SelectedQuestion:
    question: Question
    choice_order: tuple[str, ...]  # choice ids as the learner sees them (source order when not shuffled)
    target_order: tuple[str, ...] = ()  # matching: right-hand sides as the learner sees them


@dataclass(frozen=True, slots=True)
class QuestionSelection:
    """The questions of one attempt, in order; iterate for ``SelectedQuestion`` items."""

    items: tuple[SelectedQuestion, ...]

    def __iter__(self) -> Iterator[SelectedQuestion]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(item.question.id for item in self.items)

    @property
    def choice_orders(self) -> dict[str, tuple[str, ...]]:
        return {item.question.id: item.choice_order for item in self.items}

    @property
    def target_orders(self) -> dict[str, tuple[str, ...]]:
        return {item.question.id: item.target_order for item in self.items if item.target_order}


def select_questions(quiz: Quiz, rng_seed: int | str) -> QuestionSelection:
    """Draw the pools, then shuffle questions and choices as the quiz says (pinned choices stay put)."""
    rng = random.Random(str(rng_seed))
    chosen = _draw_pools(quiz, rng)
    questions = [q for q in quiz.questions if q.id in chosen]
    if quiz.settings.shuffle_questions:
        rng.shuffle(questions)
    items: list[SelectedQuestion] = []
    for question in questions:
        order = tuple(c.id for c in question.choices)
        if question.type in ALWAYS_SHUFFLED:
            order = _derange(question.choices, rng)
        elif quiz.settings.shuffle_choices and question.type not in NEVER_SHUFFLED:
            order = _shuffle_unpinned(question.choices, rng)
        targets = _derange(question.targets, rng) if question.targets else ()
        items.append(SelectedQuestion(question, order, targets))
    return QuestionSelection(tuple(items))


def _draw_pools(quiz: Quiz, rng: random.Random) -> set[str]:
    pooled = {qid for pool in quiz.pools for qid in pool.question_ids}
    chosen = {q.id for q in quiz.questions if q.id not in pooled}
    for pool in quiz.pools:
        chosen.update(rng.sample(list(pool.question_ids), min(pool.draw, len(pool.question_ids))))
    return chosen


def _shuffle_unpinned(choices: tuple[Choice, ...], rng: random.Random) -> tuple[str, ...]:
    free = [c.id for c in choices if not c.pinned]
    rng.shuffle(free)
    shuffled = iter(free)
    return tuple(c.id if c.pinned else next(shuffled) for c in choices)


def _derange(choices: tuple[Choice, ...], rng: random.Random) -> tuple[str, ...]:
    """Shuffle, making sure the result differs from the source order when it can."""
    ids = [c.id for c in choices]
    order = ids[:]
    rng.shuffle(order)
    if len(order) > 1 and order == ids:
        order = order[1:] + order[:1]
    return tuple(order)
