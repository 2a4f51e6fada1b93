"""Object-level checks shared by the mentoring views: role rules say who may call a route, these say
which mentee, follow-up or essay the caller may touch. A miss is a 404, so ids reveal nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from flask import abort
from flask_login import current_user

from app.accounts.models import User
from app.database import db
from app.mentoring.models import FollowUp, Relationship
from app.mentoring.relationships import active_relationship, relationships_of_mentee


def today() -> date:
    return datetime.now(UTC).date()


def my_mentee(mentee_id: int) -> tuple[Relationship, User]:
    """Return the current mentor's active relationship with this mentee, or 404."""
    relation = active_relationship(db.session, current_user.id, mentee_id)
    mentee = db.session.get(User, mentee_id)
    if relation is None or mentee is None:
        abort(404)
    return relation, mentee


def followup_as_mentor(followup_id: int) -> tuple[FollowUp, Relationship, User]:
    """Return a follow-up of one of the current mentor's active relationships, with its mentee, or 404."""
    return _followup_of(followup_id, caller=lambda r: r.mentor_id, other=lambda r: r.mentee_id)


def followup_as_mentee(followup_id: int) -> tuple[FollowUp, Relationship, User]:
    """Return a follow-up of one of the current mentee's active relationships, with its mentor, or 404."""
    return _followup_of(followup_id, caller=lambda r: r.mentee_id, other=lambda r: r.mentor_id)


def _followup_of(
    followup_id: int, *, caller: Callable[[Relationship], int], other: Callable[[Relationship], int]
) -> tuple[FollowUp, Relationship, User]:
    followup = db.session.get(FollowUp, followup_id)
    if followup is None:
        abort(404)
    relation = db.session.get(Relationship, followup.relationship_id)
    if relation is None or not relation.is_active or caller(relation) != current_user.id:
        abort(404)
    person = db.session.get(User, other(relation))
    if person is None:
        abort(404)
    return followup, relation, person


def my_relationship_as_mentee(relation_id: int) -> Relationship:
    relation = next(
        (r for r in relationships_of_mentee(db.session, current_user.id) if r.id == relation_id), None
    )
    if relation is None:
        abort(404)
    return relation


def parse_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def current_account() -> User:
    return current_user._get_current_object()  # type: ignore[no-any-return]
