"""Choosing the questions of a drill (pure): due items first, weighted towards competencies that need it.

Every pool item falls in a tier: due cards (most overdue first), then questions never practised, then cards
not yet due (soonest first). Within the first two tiers a weighted random draw (Efraimidis-Spirakis keys,
``u ** (1 / w)``) favours questions of competencies with a higher priority: weak, declining or in the
learner's current plan. A drill takes questions in that order until they fill about two minutes, at least
``MIN_QUESTIONS`` and at most ``MAX_QUESTIONS``, each question once.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from assessments.practice.pool import PoolItem
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
    pool: Sequence[PoolItem],
    cards: Mapping[str, CardState],
    focus: Focus,
    now: datetime,
    rng: random.Random,
) -> list[PoolItem]:
    """Return the pool in the order a drill should take it."""

    priorities: dict[tuple[str, ...], float] = {}

    def sort_key(item: PoolItem) -> tuple[int, float]:
        card = cards.get(item.key)
        tags = item.competencies
        if tags not in priorities:
            priorities[tags] = 1.0 / focus.priority(tags)
        draw = rng.random() ** priorities[tags]
        if card is None:
            return (1, -draw)
        if card.due <= now:
            overdue = (now - card.due).total_seconds()
            return (0, -draw * (1.0 + overdue / 86_400.0))
        return (2, (card.due - now).total_seconds())

    return sorted(pool, key=sort_key)


def fill(ordered: Sequence[PoolItem]) -> list[PoolItem]:
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
    """Return the questions of a new drill."""
    return fill(order(pool, cards, focus, now, rng))
