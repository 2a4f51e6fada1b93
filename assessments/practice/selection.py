"""Choosing the questions of a drill (pure): due items first, weighted towards competencies that need it.

Every pool item falls in a tier: due cards (most overdue first), then questions never practised, then cards
not yet due (soonest first). Within the first two tiers a weighted random draw (Efraimidis-Spirakis keys,
``u ** (1 / w)``) favours questions of competencies with a higher priority: weak, declining or in the
learner's current plan. A drill takes questions in that order until they fill about two minutes, at least
``MIN_QUESTIONS`` and at most ``MAX_QUESTIONS``, each question once.

The never-practised tier is most of a big pool, so it is not keyed question by question: it is drawn by
successive sampling, each next question with probability proportional to its weight among those left,
which gives the order of the weighted keys the same distribution (Efraimidis and Spirakis, 2006) at the
cost of a few draws per drill instead of one per question in the pool.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from assessments.practice.pool import PoolItem
from assessments.practice.pool_index import PoolIndex, index_pool
from assessments.practice.rating import expected_seconds
from assessments.practice.scheduler import CardState

MIN_QUESTIONS = 3
MAX_QUESTIONS = 5
BUDGET_SECONDS = 120.0
WEAK_BOOST = 2.0
DECLINING_BOOST = 1.0
PLAN_BOOST = 1.5


@dataclass(frozen=True, slots=True)
class Focus:
    """Why a competency deserves more practice right now."""

    weak: frozenset[str] = frozenset()
    declining: frozenset[str] = frozenset()
    in_plan: frozenset[str] = frozenset()

    def priority(self, competencies: Sequence[str]) -> float:
        """1 for a competency that needs nothing, more for each reason (the best of the question's tags)."""
        return max(
            (
                1.0
                + WEAK_BOOST * (c in self.weak)
                + DECLINING_BOOST * (c in self.declining)
                + PLAN_BOOST * (c in self.in_plan)
                for c in competencies
            ),
            default=1.0,
        )


def order(
    index: PoolIndex,
    due: Mapping[str, datetime],
    focus: Focus,
    now: datetime,
    rng: random.Random,
) -> Iterator[PoolItem]:
    """Yield the pool in the order a drill should take it, given the due date of each practised item.

    Lazy: a drill takes three to five questions, so the never-practised tier is drawn one question at a
    time (successive sampling in proportion to the weights, the distribution of the weighted keys
    ``u ** (1 / w)``) and the not-yet-due tier is sorted only when a drill gets that far.
    """
    weight = _Weights(focus)
    practised = {key: at for key, at in due.items() if key in index}
    keyed = []
    for key, at in practised.items():
        if at <= now:
            overdue = (now - at).total_seconds()
            draw = rng.random() ** (1.0 / weight(index.tags_of(key)))
            keyed.append((-draw * (1.0 + overdue / 86_400.0), key))
    yield from (index.item(key) for _, key in sorted(keyed))
    yield from _never_practised(index, practised, weight, rng)
    later = sorted((at, key) for key, at in practised.items() if at > now)
    yield from (index.item(key) for _, key in later)


class _Weights:
    """The priority of each tag combination, worked out once per drill."""

    def __init__(self, focus: Focus) -> None:
        self.focus = focus
        self.known: dict[tuple[str, ...], float] = {}

    def __call__(self, tags: tuple[str, ...]) -> float:
        if tags not in self.known:
            self.known[tags] = self.focus.priority(tags)
        return self.known[tags]


def _never_practised(
    index: PoolIndex, practised: Mapping[str, datetime], weight: _Weights, rng: random.Random
) -> Iterator[PoolItem]:
    """Draw the items without a card, one at a time, each in proportion to its weight."""
    left = [len(group.items) for group in index.groups]
    for key in practised:
        left[index.group_of(key)] -= 1
    weights = [weight(group.tags) for group in index.groups]
    taken: set[str] = set()
    while True:
        shares = [w * n for w, n in zip(weights, left, strict=True)]
        total = sum(shares)
        if total <= 0:
            return
        point = rng.random() * total
        chosen = max(g for g, share in enumerate(shares) if share > 0)  # should rounding overshoot
        for g, share in enumerate(shares):
            if point < share:
                chosen = g
                break
            point -= share
        item = _pick(index.groups[chosen].items, practised, taken, rng)
        taken.add(item.key)
        left[chosen] -= 1
        yield item


def _pick(
    items: Sequence[PoolItem], practised: Mapping[str, datetime], taken: set[str], rng: random.Random
) -> PoolItem:
    """A uniformly random item of a group that has no card and is not drawn yet (the group has one)."""
    for _ in range(8):  # most of a group is never practised: a few tries nearly always find one
        item = items[rng.randrange(len(items))]
        if item.key not in practised and item.key not in taken:
            return item
    return rng.choice([i for i in items if i.key not in practised and i.key not in taken])


def fill(ordered: Iterable[PoolItem]) -> list[PoolItem]:
    """Take questions in order until they fill the two-minute budget (3 to 5 questions, each once)."""
    chosen: list[PoolItem] = []
    seconds = 0.0
    seen: set[str] = set()
    for item in ordered:
        if len(chosen) >= MAX_QUESTIONS:
            break
        if item.key in seen:
            continue
        needed = expected_seconds(item.question.type)
        if len(chosen) >= MIN_QUESTIONS and seconds + needed > BUDGET_SECONDS:
            break
        chosen.append(item)
        seen.add(item.key)
        seconds += needed
    return chosen


def choose(
    pool: Sequence[PoolItem],
    cards: Mapping[str, CardState],
    focus: Focus,
    now: datetime,
    rng: random.Random,
) -> list[PoolItem]:
    """Return the questions of a new drill from a pool and the learner's cards."""
    due = {key: card.due for key, card in cards.items()}
    return choose_from(index_pool(pool), due, focus, now, rng)


def choose_from(
    index: PoolIndex, due: Mapping[str, datetime], focus: Focus, now: datetime, rng: random.Random
) -> list[PoolItem]:
    """Return the questions of a new drill from an indexed pool and the due dates of the learner's cards."""
    return fill(order(index, due, focus, now, rng))
