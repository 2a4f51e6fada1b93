"""The mentor's plan as a provider of "assigned modules" for My learning."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.learner.assignments import Assignment
from app.mentoring.models import ASSIGNED, RETURNED, FollowUp, Relationship


def plan_assignments(session: Session, user: Any) -> list[Assignment]:
    """Return the modules of open education follow-ups in the user's mentoring plans."""
    query = (
        select(FollowUp)
        .join(Relationship, Relationship.id == FollowUp.relationship_id)
        .where(
            Relationship.mentee_id == user.id,
            Relationship.is_active.is_(True),
            FollowUp.kind == "education",
            FollowUp.status.in_((ASSIGNED, RETURNED)),
            FollowUp.module_id.is_not(None),
        )
    )
    return [Assignment(f.module_id, "your mentor's plan", f.due_date) for f in session.scalars(query)]
