"""Demo data: the demo mentors enrolled and paired with the demo learners."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.accounts.models import User
from app.mentoring.relationships import enrol_mentee, enrol_mentor, match

DEMO_STRENGTHS = (
    ("objection-handling", "product-knowledge", "call-closing"),
    ("empathy", "active-listening", "data-protection"),
)


def pair_demo_people(session: Session, users: Sequence[User]) -> None:
    """Enrol the demo mentors (capacity 5) and give each half of the demo learners."""
    mentors = [u for u in users if u.has_role("mentor")]
    learners = [u for u in users if u.roles == frozenset({"learner"})]
    for mentor, strengths in zip(mentors, DEMO_STRENGTHS, strict=False):
        enrol_mentor(session, mentor, capacity=5, strengths=strengths)
    for index, learner in enumerate(learners):
        enrol_mentee(session, learner)
        if mentors:
            match(session, mentors[index % len(mentors)], learner, cadence="fortnightly", minutes=30)
