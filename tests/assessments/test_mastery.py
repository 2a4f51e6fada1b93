from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from assessments.mastery import (
    Evidence,
    Level,
    MasteryState,
    Trend,
    add_evidence,
    assess,
    fold,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def test_same_time_evidence_is_a_plain_weighted_average() -> None:
    state = fold([Evidence(1.0, 1.0, T0), Evidence(0.0, 3.0, T0)])
    assert state.estimate == pytest.approx(0.25)
    assert state.count == 2


def test_evidence_one_half_life_older_counts_half() -> None:
    state = fold([Evidence(0.0, 1.0, at(0)), Evidence(1.0, 1.0, at(30))], half_life_days=30)
    # weights 0.5 (old zero) and 1.0 (new one)
    assert state.estimate == pytest.approx(1.0 / 1.5)


def test_half_life_is_configurable() -> None:
    short = fold([Evidence(0.0, 1.0, at(0)), Evidence(1.0, 1.0, at(10))], half_life_days=1)
    long = fold([Evidence(0.0, 1.0, at(0)), Evidence(1.0, 1.0, at(10))], half_life_days=1000)
    assert short.estimate is not None and long.estimate is not None
    assert short.estimate > 0.99
    assert long.estimate == pytest.approx(0.5, abs=0.01)


def test_late_evidence_gives_the_same_estimate_as_in_order() -> None:
    items = [Evidence(0.2, 1.0, at(0)), Evidence(0.9, 2.0, at(5)), Evidence(0.6, 1.0, at(20))]
    in_order = fold(items)
    shuffled = fold([items[2], items[0], items[1]])
    assert shuffled.estimate == pytest.approx(in_order.estimate)
    assert shuffled.long_run == pytest.approx(in_order.long_run)
    assert shuffled.as_of == at(20)


def test_values_outside_zero_to_one_are_rejected() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        add_evidence(MasteryState(), Evidence(1.5, 1.0, T0))


def test_too_little_evidence_is_insufficient() -> None:
    state = fold([Evidence(1.0, 1.0, T0), Evidence(1.0, 1.0, T0)])
    assert assess(state, 0.75).level is Level.INSUFFICIENT
    assert assess(state, 0.75, min_evidence=2).level is Level.PROFICIENT


def test_below_threshold_needs_work_and_at_threshold_is_proficient() -> None:
    low = fold([Evidence(0.5, 1.0, T0)] * 3)
    exact = fold([Evidence(0.75, 1.0, T0)] * 3)
    assert assess(low, 0.75).level is Level.NEEDS_WORK
    assert assess(exact, 0.75).level is Level.PROFICIENT
    assert assess(low, 0.4).level is Level.PROFICIENT


def test_trend_follows_recent_evidence() -> None:
    rising = fold(
        [Evidence(0.2, 1.0, at(d)) for d in range(0, 60, 10)]
        + [Evidence(1.0, 1.0, at(d)) for d in (70, 75, 80)]
    )
    falling = fold(
        [Evidence(1.0, 1.0, at(d)) for d in range(0, 60, 10)]
        + [Evidence(0.1, 1.0, at(d)) for d in (70, 75, 80)]
    )
    flat = fold([Evidence(0.6, 1.0, at(d)) for d in range(0, 90, 10)])
    assert assess(rising, 0.75).trend is Trend.IMPROVING
    assert assess(falling, 0.75).trend is Trend.DECLINING
    assert assess(flat, 0.75).trend is Trend.STEADY
    assert assess(falling, 0.75).label == "Needs work, declining"


def test_zero_weight_is_ignored() -> None:
    assert add_evidence(MasteryState(), Evidence(1.0, 0.0, T0)) == MasteryState()
