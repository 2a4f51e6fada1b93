"""Erasing a person's mentoring data: notes they wrote or that are about them, plans, notifications,
enrolments and their mastery estimates with the evidence behind them (the statements themselves belong
to the record store's own eraser)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.mentoring.models import Enrolment, Note, Notification, Relationship
from app.mentoring.progress import learner_key
from assessments.mastery_tables import EvidenceRow, MasteryRow


def erase_mentoring(session: Session, user: User) -> dict[str, Any]:
    """Delete the person's own plans (as mentee, with goals, follow-ups and notes), the notes they wrote,
    enrolments and mastery. Plans they ran as a mentor belong to their mentees: those stay, ended, so the
    mentees keep their goals and history and can be matched with another mentor."""
    relations = list(session.scalars(select(Relationship).where(Relationship.mentee_id == user.id)))
    for relation in relations:
        session.execute(delete(Note).where(Note.relationship_id == relation.id))
        session.delete(relation)
    mentored = session.scalars(select(Relationship).where(Relationship.mentor_id == user.id)).all()
    for relation in mentored:
        relation.is_active = False
    notes = session.execute(delete(Note).where(Note.author_id == user.id)).rowcount
    session.execute(delete(Notification).where(Notification.user_id == user.id))
    session.execute(delete(Enrolment).where(Enrolment.user_id == user.id))
    key = learner_key(user)
    evidence = session.execute(delete(EvidenceRow).where(EvidenceRow.learner_key == key)).rowcount
    session.execute(delete(MasteryRow).where(MasteryRow.learner_key == key))
    session.flush()
    return {
        "relationships": len(relations),
        "ended_as_mentor": len(mentored),
        "notes": notes,
        "evidence": evidence,
    }
