"""Mastery of people as the mentoring pages show it: read from the stored states, never recomputed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.accounts.models import User
from assessments.mastery import Assessment, Level, MasteryState, Trend, assess
from assessments.mastery_store import evidence_for, states_for
from courses.model import Framework


def learner_key(user: User) -> str:
    """The key mastery is stored under for one of our users (the xAPI account name is their uid)."""
    return f"account:{user.uid}"


@dataclass(frozen=True, slots=True)
class CompetencyStatus:
    competency_id: str
    name: str
    threshold: float
    assessment: Assessment
    previous_estimate: float | None

    @property
    def percent(self) -> str:
        estimate = self.assessment.estimate
        return "–" if estimate is None else f"{round(estimate * 100)}%"

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
    result = {}
    for user in users:
        mine = stored.get(learner_key(user), {})
        rows = []
        for competency in framework.competencies:
            found = mine.get(competency.id)
            if found is None:
                rows.append(
                    CompetencyStatus(
                        competency.id,
                        competency.name,
                        competency.threshold,
                        assess(MasteryState(), competency.threshold),
                        None,
                    )
                )
            else:
                rows.append(
                    CompetencyStatus(
                        competency.id,
                        competency.name,
                        competency.threshold,
                        assess(found.state, competency.threshold),
                        found.previous_estimate,
                    )
                )
        result[user.id] = rows
    return result


def weak_competencies(rows: Sequence[CompetencyStatus]) -> list[str]:
    """Return the ids of the competencies that need work, weakest first."""
    return [row.competency_id for row in sorted(rows, key=lambda r: r.sort_value) if row.is_weak]


def history(session: Session, user: User, competency_id: str) -> list[tuple[str, float]]:
    """Return (ISO date-time, estimate after) points of one competency over time, for the chart."""
    return [
        (row.at.isoformat(), row.estimate_after)
        for row in evidence_for(session, learner_key(user), competency_id)
    ]
