"""Enrolling mentors and mentees, matching them, and finding who may see whom."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock
from app.accounts.models import Role, User
from app.mentoring.models import CADENCES, Enrolment, Relationship


class MentoringError(ValueError):
    """A mentoring request that cannot be carried out (shown to the user as is)."""


@dataclass(frozen=True, slots=True)
class MatchSuggestion:
    mentor: User
    score: int  # how many of the mentee's weak competencies are the mentor's strengths
    strengths: tuple[str, ...]
    places_left: int


def enrol_mentor(session: Session, user: User, *, capacity: int, strengths: Sequence[str]) -> Enrolment:
    """Enrol (or update) a mentor with a capacity and strengths (competency ids)."""
    if not 0 < capacity <= 50:
        raise MentoringError("capacity must be between 1 and 50 mentees")
    enrolment = _enrolment(session, user.id, "mentor") or Enrolment(user_id=user.id, role="mentor")
    enrolment.capacity, enrolment.strengths = capacity, ",".join(dict.fromkeys(strengths))
    session.add(enrolment)
    session.flush()
    return enrolment


def enrol_mentee(session: Session, user: User) -> Enrolment:
    enrolment = _enrolment(session, user.id, "mentee") or Enrolment(
        user_id=user.id, role="mentee", strengths=""
    )
    session.add(enrolment)
    session.flush()
    return enrolment


def match(
    session: Session, mentor: User, mentee: User, *, cadence: str = "fortnightly", minutes: int = 30
) -> Relationship:
    """Pair a mentor with a mentee (both enrolled; never the mentee's own lead; within capacity)."""
    if cadence not in CADENCES:
        raise MentoringError(f"cadence must be one of {', '.join(CADENCES)}")
    if not 30 <= minutes <= 60:
        raise MentoringError("check-ins last between 30 and 60 minutes")
    enrolment = _enrolment(session, mentor.id, "mentor")
    if enrolment is None or _enrolment(session, mentee.id, "mentee") is None:
        raise MentoringError("enrol both people first: the mentor as a mentor, the other as a mentee")
    if mentor.id == mentee.id:
        raise MentoringError("nobody can mentor themselves")
    if is_team_lead_of(mentor, mentee):
        raise MentoringError(f"{mentor.name} leads {mentee.name}'s team: choose a mentor outside the line")
    if active_relationship(session, mentor.id, mentee.id) is not None:
        raise MentoringError(f"{mentor.name} already mentors {mentee.name}")
    if mentee_count(session, mentor.id) >= enrolment.capacity:
        raise MentoringError(f"{mentor.name} has no capacity left ({enrolment.capacity} mentees)")
    relation = Relationship(
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        cadence=cadence,
        checkin_minutes=minutes,
        next_checkin_at=clock.now() + timedelta(days=CADENCES[cadence]),
    )
    session.add(relation)
    session.flush()
    return relation


def is_team_lead_of(person: User, mentee: User) -> bool:
    return person.has_role("lead") and person.team_id is not None and person.team_id == mentee.team_id


def suggest_mentors(
    session: Session, mentee: User, weak: Sequence[str], *, limit: int = 5
) -> list[MatchSuggestion]:
    """Rank enrolled mentors: strong where the mentee is weak, with places left, never their own lead."""
    suggestions = []
    for enrolment in session.scalars(select(Enrolment).where(Enrolment.role == "mentor")):
        mentor = session.get(User, enrolment.user_id)
        if mentor is None or mentor.id == mentee.id or is_team_lead_of(mentor, mentee):
            continue
        if active_relationship(session, mentor.id, mentee.id) is not None:
            continue
        left = enrolment.capacity - mentee_count(session, mentor.id)
        if left <= 0:
            continue
        shared = tuple(c for c in weak if c in enrolment.strength_ids)
        suggestions.append(MatchSuggestion(mentor, len(shared), shared, left))
    suggestions.sort(key=lambda s: (-s.score, -s.places_left, s.mentor.name))
    return suggestions[:limit]


def end_relationship(session: Session, relation: Relationship) -> None:
    relation.is_active = False
    session.flush()


def mentee_count(session: Session, mentor_id: int) -> int:
    query = select(func.count()).where(Relationship.mentor_id == mentor_id, Relationship.is_active.is_(True))
    return int(session.scalar(query) or 0)


def active_relationship(session: Session, mentor_id: int, mentee_id: int) -> Relationship | None:
    return session.scalar(
        select(Relationship).where(
            Relationship.mentor_id == mentor_id,
            Relationship.mentee_id == mentee_id,
            Relationship.is_active.is_(True),
        )
    )


def relationships_of_mentor(session: Session, mentor_id: int) -> list[Relationship]:
    query = select(Relationship).where(Relationship.mentor_id == mentor_id, Relationship.is_active.is_(True))
    return list(session.scalars(query.order_by(Relationship.id)))


def relationships_of_mentee(session: Session, mentee_id: int) -> list[Relationship]:
    query = select(Relationship).where(Relationship.mentee_id == mentee_id, Relationship.is_active.is_(True))
    return list(session.scalars(query.order_by(Relationship.id)))


def all_relationships(session: Session, *, team_id: int | None = None) -> list[Relationship]:
    query = select(Relationship).where(Relationship.is_active.is_(True)).order_by(Relationship.id)
    relations = list(session.scalars(query))
    if team_id is None:
        return relations
    members = set(session.scalars(select(User.id).where(User.team_id == team_id)))
    return [r for r in relations if r.mentee_id in members]


def enrolments(session: Session, role: str) -> list[Enrolment]:
    return list(session.scalars(select(Enrolment).where(Enrolment.role == role).order_by(Enrolment.id)))


def users_with_role(session: Session, role: str, *, team_id: int | None = None) -> list[User]:
    query = select(User).join(Role, Role.user_id == User.id).where(Role.name == role)
    if team_id is not None:
        query = query.where(User.team_id == team_id)
    return list(session.scalars(query.order_by(User.name)))


def _enrolment(session: Session, user_id: int, role: str) -> Enrolment | None:
    return session.scalar(select(Enrolment).where(Enrolment.user_id == user_id, Enrolment.role == role))
