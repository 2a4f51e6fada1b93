"""Erasing a person's mentoring data: notes they wrote or that are about them, plans, notifications,
enrolments and their mastery estimates with the evidence behind them (the statements themselves belong
to the record store's own eraser)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.mentoring.models import Enrolment, Note, Notification, Relationship
from app.mentoring.progress import learner_key
from assessments.mastery_tables import EvidenceRow, MasteryRow


def erase_mentoring(session: Session, user: User) -> dict[str, Any]:
    """Delete the person's relationships (with goals, follow-ups and notes), notes, enrolments and mastery."""
    relations = list(
        session.scalars(
            select(Relationship).where(
                or_(Relationship.mentor_id == user.id, Relationship.mentee_id == user.id)
            )
        )
    )
    for relation in relations:
        session.execute(delete(Note).where(Note.relationship_id == relation.id))
        session.delete(relation)
    notes = session.execute(delete(Note).where(Note.author_id == user.id)).rowcount
    session.execute(delete(Notification).where(Notification.user_id == user.id))
    session.execute(delete(Enrolment).where(Enrolment.user_id == user.id))
    key = learner_key(user)
    evidence = session.execute(delete(EvidenceRow).where(EvidenceRow.learner_key == key)).rowcount
    session.execute(delete(MasteryRow).where(MasteryRow.learner_key == key))
    session.flush()
    return {"relationships": len(relations), "notes": notes, "evidence": evidence}
