"""Drill answers are competency evidence, weighted by DRILL_EVIDENCE_WEIGHT: practice counts, but less."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import select

from app import clock
from app.database import get_db
from app.learner import catalog
from assessments.evidence import EvidenceItem
from assessments.mastery_store import record_evidence, states_for
from assessments.mastery_tables import EvidenceRow
from tests.learner.drilling import run_drill


def seed_weak_quiz_results(app: Flask, uid: str) -> list[str]:
    """One failed quiz answer a day ago on every competency; return the competency ids."""
    with get_db(app).transaction() as session:
        framework = catalog.get_framework(session)
        assert framework is not None
        ids = [c.id for c in framework.competencies]
        at = clock.now() - timedelta(days=1)
        record_evidence(
            session,
            [EvidenceItem(f"account:{uid}", c, 0.0, 1.0, at, f"seed-{c}", "failed", "quiz") for c in ids],
        )
    return ids


def estimates(app: Flask, uid: str) -> dict[str, float | None]:
    with get_db(app).transaction() as session:
        states = states_for(session, [f"account:{uid}"]).get(f"account:{uid}", {})
        return {c: s.state.estimate for c, s in states.items()}


def drill_with_weight(app: Flask, user: Any, weight: float) -> tuple[dict[str, float | None], list[str]]:
    app.config["DRILL_EVIDENCE_WEIGHT"] = weight
    seed_weak_quiz_results(app, user.uid)
    items = run_drill(app, user, right=True, seed=3)
    return estimates(app, user.uid), [item["key"] for item in items]


def test_mastery_moves_with_drill_answers_and_the_weight_sets_how_far(
    app: Flask, published: None, create_user: Any
) -> None:
    full, half, none = create_user("learner"), create_user("learner"), create_user("learner")
    after_full, keys_full = drill_with_weight(app, full, 1.0)
    after_half, keys_half = drill_with_weight(app, half, 0.25)
    after_none, _ = drill_with_weight(app, none, 0.0)
    assert keys_full == keys_half  # the same drill, so only the weight differs
    practised = [c for c, value in after_full.items() if value]
    assert practised, "a drill of right answers raises the estimate of what it practised"
    for competency in practised:
        assert 0 < after_half[competency] < after_full[competency]  # type: ignore[operator]
        assert after_none[competency] == 0.0  # weight 0: drills are not evidence at all
    # Each drill answer's evidence weight is the question's tag weight (1 to 3) times the setting.
    assert drilled_weights(app, full.uid) <= {1.0, 2.0, 3.0}
    assert drilled_weights(app, half.uid) <= {0.25, 0.5, 0.75}
    assert drilled_weights(app, none.uid) == set()


def drilled_weights(app: Flask, uid: str) -> set[float]:
    with get_db(app).transaction() as session:
        rows = session.scalars(select(EvidenceRow).where(EvidenceRow.learner_key == f"account:{uid}")).all()
        return {row.weight for row in rows if row.verb.endswith("answered")}


def test_wrong_drill_answers_pull_the_estimate_down(app: Flask, published: None, create_user: Any) -> None:
    user = create_user("learner")
    with get_db(app).transaction() as session:
        framework = catalog.get_framework(session)
        assert framework is not None
        at = clock.now() - timedelta(days=1)
        record_evidence(
            session,
            [
                EvidenceItem(f"account:{user.uid}", c.id, 1.0, 1.0, at, f"seed-{c.id}", "passed", "quiz")
                for c in framework.competencies
            ],
        )
    run_drill(app, user, right=False, seed=5)
    assert any(value is not None and value < 1.0 for value in estimates(app, user.uid).values())
