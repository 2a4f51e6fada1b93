"""A group's mastery aggregated by the database agrees with assessing every learner one by one."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import literal, select, union_all

from assessments.evidence import EvidenceItem
from assessments.mastery import Level, Trend, assess
from assessments.mastery_store import record_evidence, states_for
from assessments.mastery_summary import group_mastery

THRESHOLDS = {"empathy": 0.75, "holds": 0.6, "nobody": 0.5}
T0 = datetime(2026, 10, 1, tzinfo=UTC)


def _keys(keys: list[str]):
    return union_all(*(select(literal(key)) for key in keys))


def _evidence(rng: random.Random, learners: list[str]) -> list[EvidenceItem]:
    items = []
    for number, learner in enumerate(learners):
        skill, drift = rng.random(), rng.choice([-0.4, 0.0, 0.4])  # some improve, some decline
        for competency in ("empathy", "holds"):
            pieces = number % 7  # none, too few, and enough evidence
            for piece in range(pieces):
                level = min(1.0, max(0.0, skill + drift * piece / 6))
                items.append(
                    EvidenceItem(
                        learner,
                        competency,
                        float(rng.random() < level),
                        rng.choice([0.5, 1.0]),
                        T0 + timedelta(days=piece * 5, minutes=number),
                        f"s-{number}-{competency}-{piece}",
                        "http://adlnet.gov/expapi/verbs/passed",
                        "http://localhost/xapi/activities/quizzes/q",
                    )
                )
    return items


def _assessed_one_by_one(session, learners: list[str]) -> dict[str, tuple]:
    """The figures as the team page used to compute them: ``assess`` on every learner's state."""
    stored = states_for(session, learners)
    found = {}
    for competency, threshold in THRESHOLDS.items():
        assessed = [assess(s[competency].state, threshold) for s in stored.values() if competency in s]
        measured = [a for a in assessed if a.level is not Level.INSUFFICIENT]
        if not measured:
            continue
        values = [a.estimate for a in measured]
        mean = sum(values) / len(values)
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        found[competency] = (
            len(measured),
            mean,
            spread,
            sum(1 for a in measured if a.level is Level.PROFICIENT),
            sum(1 for a in measured if a.trend is Trend.IMPROVING),
            sum(1 for a in measured if a.trend is Trend.DECLINING),
        )
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_group_figures_match_assessing_each_learner(session, seed):
    rng = random.Random(seed)
    team = [f"account:learner-{n}" for n in range(40)]
    others = [f"account:other-{n}" for n in range(10)]  # stored too, outside the group
    record_evidence(session, _evidence(rng, team + others))
    session.commit()

    found = group_mastery(session, _keys(team), THRESHOLDS)
    expected = _assessed_one_by_one(session, team)

    assert set(found) == set(expected) == {"empathy", "holds"}
    for competency, (measured, mean, spread, proficient, improving, declining) in expected.items():
        figures = found[competency]
        assert (figures.measured, figures.proficient) == (measured, proficient)
        assert (figures.improving, figures.declining) == (improving, declining)
        assert figures.mean == pytest.approx(mean, abs=1e-12)
        assert figures.spread == pytest.approx(spread, abs=1e-9)
    assert any(f.improving for f in found.values()) and any(f.declining for f in found.values())


def test_a_group_without_evidence_has_no_figures(session):
    assert group_mastery(session, _keys(["account:nobody"]), THRESHOLDS) == {}
