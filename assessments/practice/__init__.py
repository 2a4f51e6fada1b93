"""Practice drills: the practice pool, FSRS scheduling, choosing a drill's questions, streaks (no Flask).

The pure parts (``pool``, ``pool_index``, ``rating``, ``scheduler``, ``selection``, ``streaks``) take data
and return data; ``store`` keeps cards, drills and answers in the caller's session. docs/drills.md
describes the rules.
"""

from __future__ import annotations

from assessments.practice.pool import (
    UNDRILLABLE_TYPES,
    ModuleChecks,
    PoolItem,
    QuizSource,
    QuizUse,
    is_closed_to,
    item_key,
    practice_pool,
)
from assessments.practice.pool_index import PoolIndex, index_pool
from assessments.practice.rating import rate
from assessments.practice.scheduler import CardState, new_card, review
from assessments.practice.selection import Focus, choose, choose_from
from assessments.practice.streaks import Streak, streak
from assessments.practice.tables import AnswerRow, CardRow, DrillRow

__all__ = [
    "UNDRILLABLE_TYPES",
    "AnswerRow",
    "CardRow",
    "CardState",
    "DrillRow",
    "Focus",
    "ModuleChecks",
    "PoolIndex",
    "PoolItem",
    "QuizSource",
    "QuizUse",
    "Streak",
    "choose",
    "choose_from",
    "index_pool",
    "is_closed_to",
    "item_key",
    "new_card",
    "practice_pool",
    "rate",
    "review",
    "streak",
]
