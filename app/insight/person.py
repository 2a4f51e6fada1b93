"""A learner as their team lead sees them: results, mastery, plan and assignments; never notes.

Notes (private or shared) belong to the mentoring conversation and are not read here at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.models import Role, User
from app.insight.assigning import AssignmentStatus, assignment_statuses
from app.mentoring.models import FollowUp, Relationship
from app.mentoring.progress import CompetencyStatus, statuses
from assessments.store import Attempt
from courses.model import Framework


@dataclass(frozen=True, slots=True)
class PersonView:
    user: User
    mastery: tuple[CompetencyStatus, ...]
    results: tuple[Attempt, ...]  # submitted attempts, newest first
    plan: tuple[FollowUp, ...]
    assignments: tuple[AssignmentStatus, ...]


def team_learner(session: Session, team_id: int | None, user_id: int) -> User | None:
    """The learner of this team with that id, or None (another team's, not a learner, unknown)."""
    if team_id is None:
        return None
    learners = select(Role.user_id).where(Role.name == "learner")
    query = select(User).where(User.id == user_id, User.team_id == team_id, User.id.in_(learners))
    return session.scalar(query)


def person_view(session: Session, user: User, framework: Framework, *, today: date) -> PersonView:
    attempts = select(Attempt).where(Attempt.learner_id == user.uid, Attempt.submitted_at.is_not(None))
    plan = (
        select(FollowUp)
        .join(Relationship, Relationship.id == FollowUp.relationship_id)
        .where(Relationship.mentee_id == user.id, Relationship.is_active.is_(True))
        .order_by(FollowUp.due_date, FollowUp.id)
    )
    return PersonView(
        user,
        tuple(statuses(session, [user], framework)[user.id]),
        tuple(session.scalars(attempts.order_by(Attempt.submitted_at.desc()))),
        tuple(session.scalars(plan)),
        tuple(assignment_statuses(session, user.team_id, [user], today=today)),
    )
