"""Mastery of people as every page shows it: read from the stored states, never recomputed.

My results, My plan, the desk and the team view all read a competency's figure from here, so a learner
sees the same percentage wherever they look.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, String, literal
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.numbers import percent
from assessments.mastery import Assessment, Level, MasteryState, Trend, assess
from assessments.mastery_store import StoredMastery, evidence_for, states_for
from courses.model import Framework


def learner_key(user: User) -> str:
    """The key mastery is stored under for one of our users (the xAPI account name is their uid)."""
    return mastery_key(user.uid)


def mastery_key(uid: str) -> str:
    return f"account:{uid}"


def mastery_key_column(uid: ColumnElement[str]) -> ColumnElement[str]:
    """``mastery_key`` in SQL, of a uid column."""
    return literal("account:", String) + uid


@dataclass(frozen=True, slots=True)
class CompetencyStatus:
    competency_id: str
    name: str
    threshold: float
    assessment: Assessment
    previous_estimate: float | None

    @property
    def percent(self) -> str:
        return percent(self.assessment.estimate)

    @property
    def is_weak(self) -> bool:
        return self.assessment.level is Level.NEEDS_WORK

    @property
    def is_declining(self) -> bool:
        return self.assessment.trend is Trend.DECLINING and self.assessment.level is not Level.INSUFFICIENT

    @property
    def sort_value(self) -> float:
        # weakest first; no evidence sorts after every measured competency
        estimate = self.assessment.estimate
        return (
            2.0
            if estimate is None or self.assessment.level is Level.INSUFFICIENT
            else estimate - self.threshold
        )


def statuses(
    session: Session, users: Sequence[User], framework: Framework
) -> dict[int, list[CompetencyStatus]]:
    """Return each user's status per competency of the framework, in framework order."""
    stored = states_for(session, [learner_key(u) for u in users])
    return {user.id: _statuses(stored.get(learner_key(user), {}), framework) for user in users}


def learner_statuses(session: Session, uid: str, framework: Framework) -> list[CompetencyStatus]:
    """One learner's status per competency: the figure every page shows (My results, My plan, the desk)."""
    key = mastery_key(uid)
    return _statuses(states_for(session, [key]).get(key, {}), framework)


def _statuses(mine: Mapping[str, StoredMastery], framework: Framework) -> list[CompetencyStatus]:
    rows = []
    for competency in framework.competencies:
        found = mine.get(competency.id)
        state = found.state if found else MasteryState()
        rows.append(
            CompetencyStatus(
                competency.id,
                competency.name,
                competency.threshold,
                assess(state, competency.threshold),
                found.previous_estimate if found else None,
            )
        )
    return rows


def weak_competencies(rows: Sequence[CompetencyStatus]) -> list[str]:
    """Return the ids of the competencies that need work, weakest first."""
    return [row.competency_id for row in sorted(rows, key=lambda r: r.sort_value) if row.is_weak]


def history(session: Session, user: User, competency_id: str) -> list[tuple[str, float]]:
    """Return (ISO date-time, estimate after) points of one competency over time, for the chart."""
    return [
        (row.at.isoformat(), row.estimate_after)
        for row in evidence_for(session, learner_key(user), competency_id)
    ]
