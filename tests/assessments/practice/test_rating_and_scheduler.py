"""Ratings derived from correctness and time, and the FSRS due dates they lead to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating

from assessments.practice import new_card, rate, review
from assessments.practice.rating import expected_seconds

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("share", "seconds", "expected"),
    [
        (0.0, 5, Rating.Again),
        (0.49, 5, Rating.Again),
        (0.5, 5, Rating.Hard),
        (0.99, 5, Rating.Hard),
        (1.0, 9, Rating.Easy),  # within half of 20 s
        (1.0, 10, Rating.Easy),
        (1.0, 11, Rating.Good),
        (1.0, 40, Rating.Good),
        (1.0, 41, Rating.Hard),  # more than twice 20 s
    ],
)
def test_a_single_choice_answer_is_rated_from_its_score_and_time(
    share: float, seconds: float, expected: Rating
) -> None:
    assert expected_seconds("single") == 20
    assert rate("single", share, seconds) is expected


def test_slower_question_types_get_more_time_before_an_answer_counts_as_hard() -> None:
    assert rate("matching", 1.0, 60) is Rating.Good
    assert rate("true-false", 1.0, 60) is Rating.Hard


def test_a_new_card_is_due_at_once() -> None:
    assert new_card(NOW).due == NOW and new_card(NOW).last_review is None


def test_the_next_due_date_follows_the_answer() -> None:
    again, hard, good, easy = (review(new_card(NOW), r, NOW).due for r in Rating)
    assert again - NOW == timedelta(minutes=1)  # the first learning step
    assert again <= hard < good < easy
    assert easy - NOW >= timedelta(days=1)  # Easy graduates to review at once


def test_recalling_again_and_again_spaces_the_question_further_out() -> None:
    card, moment, intervals = new_card(NOW), NOW, []
    for _ in range(5):
        card = review(card, Rating.Good, moment)
        intervals.append(card.due - moment)
        moment = card.due
    assert intervals == sorted(intervals) and intervals[-1] > timedelta(days=7)
    assert card.reviews == 5 and card.lapses == 0


def test_forgetting_a_learned_question_brings_it_back_within_minutes_and_counts_a_lapse() -> None:
    card = review(new_card(NOW), Rating.Easy, NOW)
    later = card.due
    forgotten = review(card, Rating.Again, later)
    assert forgotten.due - later == timedelta(minutes=10)  # the relearning step
    assert forgotten.lapses == 1
    assert forgotten.stability is not None and card.stability is not None
    assert forgotten.stability < card.stability


def test_scheduling_an_answer_never_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    # fsrs.Card sleeps a millisecond when it has to make up an id from the clock: inside the answer's
    # transaction, on the one SQLite writer, that was a millisecond of every drill answer.
    def refuse(seconds: float) -> None:
        raise AssertionError(f"slept {seconds} s")

    monkeypatch.setattr("fsrs.card.time.sleep", refuse)
    card = review(new_card(NOW), Rating.Good, NOW)
    assert review(card, Rating.Good, card.due).reviews == 2
