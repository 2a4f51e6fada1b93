"""Notes on a relationship. A private note is seen by its author only; a shared one by mentor and mentee.

Leads and admins never see notes: they are the private working space of a mentoring pair.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.mentoring.models import Note, Relationship
from app.mentoring.relationships import MentoringError

NOTE_MAX = 8000


def is_party(relation: Relationship, user: User) -> bool:
    return user.id in (relation.mentor_id, relation.mentee_id)


def add_note(session: Session, relation: Relationship, author: User, body: str, *, is_shared: bool) -> Note:
    """Add a note; only the mentor and the mentee of the relationship may write one."""
    if not is_party(relation, author):
        raise MentoringError("only the mentor and the mentee can write notes here")
    if not body.strip():
        raise MentoringError("a note cannot be empty")
    if len(body.strip()) > NOTE_MAX:
        raise MentoringError(f"a note holds at most {NOTE_MAX} characters")
    note = Note(relationship_id=relation.id, author_id=author.id, is_shared=is_shared, body=body.strip())
    session.add(note)
    session.flush()
    return note


def visible_notes(session: Session, relation: Relationship, viewer: User) -> list[Note]:
    """Return the notes ``viewer`` may read: shared ones and their own private ones, if they are a party."""
    if not is_party(relation, viewer):
        return []
    query = select(Note).where(
        Note.relationship_id == relation.id, or_(Note.is_shared.is_(True), Note.author_id == viewer.id)
    )
    return list(session.scalars(query.order_by(Note.created_at.desc(), Note.id.desc())))
