"""How an answer becomes an FSRS rating: from its correctness and how long it took (pure).

FSRS asks how well a learner recalled an item: Again, Hard, Good or Easy. A drill cannot ask the agent (a
self-rating between two calls is one tap too many), so the rating is derived:

    score share < 0.5                          -> Again  (forgotten: the card relearns)
    0.5 <= share < 1 (partly right)            -> Hard
    fully right, slower than 2 x expected time -> Hard   (recalled with effort)
    fully right, within half the expected time -> Easy
    fully right otherwise                      -> Good

The expected time of a question is ``EXPECTED_SECONDS`` of its type (reading and answering on a phone).
"""

from __future__ import annotations

from fsrs import Rating

EXPECTED_SECONDS: dict[str, float] = {
    "true-false": 15.0,
    "single": 20.0,
    "multiple": 30.0,
    "fill-in": 25.0,
    "numeric": 25.0,
    "matching": 40.0,
    "ordering": 40.0,
}
DEFAULT_SECONDS = 30.0
SLOW_FACTOR = 2.0
QUICK_FACTOR = 0.5


def expected_seconds(question_type: str) -> float:
    return EXPECTED_SECONDS.get(question_type, DEFAULT_SECONDS)


def rate(question_type: str, share: float, seconds: float) -> Rating:
    """Return the FSRS rating of an answer worth ``share`` of the points given in ``seconds``."""
    if share < 0.5:
        return Rating.Again
    if share < 1.0:
        return Rating.Hard
    expected = expected_seconds(question_type)
    if seconds > expected * SLOW_FACTOR:
        return Rating.Hard
    if seconds <= expected * QUICK_FACTOR:
        return Rating.Easy
    return Rating.Good
