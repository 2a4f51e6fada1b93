"""FSRS scheduling through the ``fsrs`` package: one card per learner and question (pure).

The scheduler runs with the package's default parameters (the 21 FSRS-6 weights, desired retention 0.9,
learning steps of 1 and 10 minutes, relearning step of 10 minutes, maximum interval 36,500 days) and without
fuzzing, so the same answers always give the same due dates. ``docs/drills.md`` explains the choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fsrs import Card, Rating, Scheduler, State

SCHEDULER = Scheduler(enable_fuzzing=False)
# fsrs.Card without an id makes one from the clock and sleeps a millisecond so the next is different. We
# keep no card ids (a card is a learner and an item key), so every Card gets this one and never waits.
CARD_ID = 0


@dataclass(frozen=True, slots=True)
class CardState:
    """What is stored of a card: FSRS's own fields, and counts for the learner's page."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reviews: int = 0
    lapses: int = 0


def new_card(now: datetime) -> CardState:
    """A card never reviewed: due at once."""
    card = Card(card_id=CARD_ID, due=now)
    return CardState(card.state.value, card.step, card.stability, card.difficulty, now, None)


def review(card: CardState, rating: Rating, now: datetime, *, duration_ms: int | None = None) -> CardState:
    """Return the card after an answer rated ``rating`` at ``now``."""
    before = Card(
        card_id=CARD_ID,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )
    after, _log = SCHEDULER.review_card(before, rating, now, review_duration=duration_ms)
    lapsed = rating is Rating.Again and card.state == State.Review.value
    return CardState(
        after.state.value,
        after.step,
        after.stability,
        after.difficulty,
        after.due,
        after.last_review,
        card.reviews + 1,
        card.lapses + int(lapsed),
    )
