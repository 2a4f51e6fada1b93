"""Competency mastery as a decaying weighted average (pure: data in, data out).

Each piece of evidence is a value in [0, 1] with a weight and a time. The estimate is

    sum(w_i * v_i * 2 ** (-(T - t_i) / H)) / sum(w_i * 2 ** (-(T - t_i) / H))

where ``H`` is the half-life: evidence ``H`` seconds older than the newest counts half as much. The decay
factor of "now" cancels in the ratio, so the state keeps only the two sums referred to the newest evidence
time and folds in new evidence in O(1); nothing is ever rescanned.

The trend compares that average with a slow one (half-life ``SLOW_FACTOR * H``): when recent evidence sits
above the long-run level the learner is improving, below it declining.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

DEFAULT_HALF_LIFE_DAYS = 30.0
SLOW_FACTOR = 4.0
MIN_EVIDENCE = 3  # fewer pieces of evidence than this: "not enough evidence"
TREND_MARGIN = 0.03  # fast minus slow average beyond this counts as a trend


class Level(StrEnum):
    INSUFFICIENT = "insufficient"
    NEEDS_WORK = "needs_work"
    PROFICIENT = "proficient"


class Trend(StrEnum):
    IMPROVING = "improving"
    DECLINING = "declining"
    STEADY = "steady"


LEVEL_LABELS = {
    Level.INSUFFICIENT: "Not enough evidence",
    Level.NEEDS_WORK: "Needs work",
    Level.PROFICIENT: "Proficient",
}


@dataclass(frozen=True, slots=True)
class Evidence:
    value: float  # 0..1
    weight: float
    at: datetime


@dataclass(frozen=True, slots=True)
class MasteryState:
    """The running sums of one learner's mastery of one competency."""

    fast_sum: float = 0.0  # sum of w * v * decay (half-life H), referred to ``as_of``
    fast_weight: float = 0.0
    slow_sum: float = 0.0  # same with half-life SLOW_FACTOR * H
    slow_weight: float = 0.0
    count: int = 0
    as_of: datetime | None = None

    @property
    def estimate(self) -> float | None:
        return self.fast_sum / self.fast_weight if self.fast_weight > 0 else None

    @property
    def long_run(self) -> float | None:
        return self.slow_sum / self.slow_weight if self.slow_weight > 0 else None


@dataclass(frozen=True, slots=True)
class Assessment:
    estimate: float | None
    count: int
    level: Level
    trend: Trend

    @property
    def label(self) -> str:
        text = LEVEL_LABELS[self.level]
        return (
            text
            if self.trend is Trend.STEADY or self.level is Level.INSUFFICIENT
            else f"{text}, {self.trend}"
        )


def _decay(seconds: float, half_life_seconds: float) -> float:
    return 0.5 ** (seconds / half_life_seconds)


def add_evidence(
    state: MasteryState, evidence: Evidence, *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS
) -> MasteryState:
    """Fold one piece of evidence into the state (late evidence is decayed, not reordered)."""
    if not 0.0 <= evidence.value <= 1.0:
        raise ValueError(f"evidence value must be between 0 and 1, got {evidence.value}")
    if evidence.weight <= 0:
        return state
    fast_h = half_life_days * 86_400.0
    slow_h = fast_h * SLOW_FACTOR
    as_of = state.as_of
    if as_of is None or evidence.at >= as_of:
        age = (evidence.at - as_of).total_seconds() if as_of else 0.0
        f, s = _decay(age, fast_h), _decay(age, slow_h)
        return MasteryState(
            state.fast_sum * f + evidence.weight * evidence.value,
            state.fast_weight * f + evidence.weight,
            state.slow_sum * s + evidence.weight * evidence.value,
            state.slow_weight * s + evidence.weight,
            state.count + 1,
            evidence.at,
        )
    age = (as_of - evidence.at).total_seconds()
    f, s = _decay(age, fast_h), _decay(age, slow_h)
    return MasteryState(
        state.fast_sum + evidence.weight * evidence.value * f,
        state.fast_weight + evidence.weight * f,
        state.slow_sum + evidence.weight * evidence.value * s,
        state.slow_weight + evidence.weight * s,
        state.count + 1,
        as_of,
    )


def fold(evidence: list[Evidence], *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS) -> MasteryState:
    """Build a state from scratch (tests and rebuilds; ingest uses ``add_evidence``)."""
    state = MasteryState()
    for item in evidence:
        state = add_evidence(state, item, half_life_days=half_life_days)
    return state


def assess(state: MasteryState, threshold: float, *, min_evidence: int = MIN_EVIDENCE) -> Assessment:
    """Classify a state against the competency's threshold."""
    estimate = state.estimate
    if estimate is None or state.count < min_evidence:
        return Assessment(estimate, state.count, Level.INSUFFICIENT, _trend(state))
    level = Level.PROFICIENT if estimate >= threshold else Level.NEEDS_WORK
    return Assessment(estimate, state.count, level, _trend(state))


def _trend(state: MasteryState) -> Trend:
    estimate, long_run = state.estimate, state.long_run
    if estimate is None or long_run is None or state.count < 2:
        return Trend.STEADY
    if estimate - long_run > TREND_MARGIN:
        return Trend.IMPROVING
    if long_run - estimate > TREND_MARGIN:
        return Trend.DECLINING
    return Trend.STEADY
