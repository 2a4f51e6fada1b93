"""A learner's practice so far: drills done, the streak and the milestones reached."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.clock import now as utcnow
from assessments.practice import Streak, streak
from assessments.practice.store import finished_days


def summary(session: Session, learner_id: str) -> Streak:
    """The learner's streak and milestones as of today (UTC)."""
    days = finished_days(session, learner_id)
    return streak(days, len(days), utcnow().date())
