"""A group's mastery per competency, aggregated by the database from the stored states.

The figures are those of ``mastery.assess`` applied to each learner and summed up: a team report reads
one row per competency, whatever the size of the team, instead of assessing every learner's states.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Float, Select, Table, case, func, select
from sqlalchemy.orm import Session

from assessments.mastery import MIN_EVIDENCE, TREND_MARGIN
from assessments.mastery_tables import MasteryRow

STATES = cast(Table, MasteryRow.__table__)


@dataclass(frozen=True, slots=True)
class GroupMastery:
    """One competency over a group: the learners with enough evidence, their mean estimate, its spread
    (population standard deviation), and how many are proficient, improving and declining."""

    measured: int
    mean: float | None
    spread: float | None
    proficient: int
    improving: int
    declining: int


def group_mastery(
    session: Session, learner_keys: Select[Any], thresholds: Mapping[str, float]
) -> dict[str, GroupMastery]:
    """Return the figures per competency of ``thresholds`` (id -> threshold) over the learners whose keys
    ``learner_keys`` selects; a competency nobody has enough evidence in has none."""
    if not thresholds:
        return {}
    estimate = (STATES.c.fast_sum / STATES.c.fast_weight).label("estimate")
    long_run = case((STATES.c.slow_weight > 0, STATES.c.slow_sum / STATES.c.slow_weight))
    measured = (
        select(STATES.c.competency_id, estimate, long_run.label("long_run"))
        .where(
            STATES.c.learner_key.in_(learner_keys.scalar_subquery()),
            STATES.c.competency_id.in_(list(thresholds)),
            STATES.c.count >= MIN_EVIDENCE,  # what assess() calls enough evidence
            STATES.c.fast_weight > 0,
        )
        .subquery()
    )
    means = (
        select(measured.c.competency_id, func.avg(measured.c.estimate).label("mean"))
        .group_by(measured.c.competency_id)
        .subquery()
    )
    threshold = case(thresholds, value=measured.c.competency_id, else_=2.0)
    trend = measured.c.estimate - measured.c.long_run
    deviation = measured.c.estimate - means.c.mean
    query = (
        select(
            measured.c.competency_id,
            func.count(),
            means.c.mean,
            func.sum(deviation * deviation, type_=Float),
            _count(measured.c.estimate >= threshold),
            _count(trend > TREND_MARGIN),
            _count(-trend > TREND_MARGIN),
        )
        .join(means, means.c.competency_id == measured.c.competency_id)
        .group_by(measured.c.competency_id, means.c.mean)
    )
    found = {}
    for competency_id, count, mean, squares, proficient, improving, declining in session.execute(query):
        spread = (max(squares, 0.0) / count) ** 0.5
        found[competency_id] = GroupMastery(count, mean, spread, proficient, improving, declining)
    return found


def _count(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))
