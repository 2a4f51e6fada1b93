"""The ``drills`` follow-up rule: "three drills on objection handling this week" completes itself.

A playbook activity of kind education with ``drills: N`` becomes a follow-up that is confirmed as soon as
the mentee has finished N drills, since it was assigned, with at least one question on its competency.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.accounts.models import User
from app.mentoring import content
from app.mentoring.completions import register
from app.mentoring.models import CONFIRMED
from app.mentoring.notifications import notify
from app.mentoring.plans import open_education
from assessments.evidence import actor_key
from assessments.practice.store import drills_on
from learning_record_store.vocabulary import ActivityType


def is_drill_completion(statement: dict[str, Any]) -> bool:
    definition = (statement.get("object") or {}).get("definition") or {}
    return definition.get("type") == ActivityType.DRILL


def complete_drill_followups(session: Session, completions: list[dict[str, Any]]) -> None:
    keys = {actor_key(s.get("actor") or {}) for s in completions if is_drill_completion(s)}
    uids = {key[len("account:") :] for key in keys if key and key.startswith("account:")}
    if not uids:
        return
    users = {u.id: u for u in session.scalars(select(User).where(User.uid.in_(uids)))}
    open_ones = [(f, r) for f, r in open_education(session, list(users)) if not f.module_id and f.activity_id]
    playbook = content.playbook(session) if open_ones else None
    for followup, relation in open_ones:
        activity = playbook.get(followup.activity_id or "") if playbook is not None else None
        if activity is None or not activity.drills:
            continue
        mentee = users[relation.mentee_id]
        if drills_on(session, mentee.uid, followup.competency_id, followup.assigned_at) < activity.drills:
            continue
        followup.status, followup.confirmed_at = CONFIRMED, clock.now()
        notify(
            session,
            relation.mentor_id,
            "drills-completed",
            f"{mentee.name} finished the drills for “{followup.title}”",
            f"/mentoring/mentees/{mentee.id}",
        )
    session.flush()


register("drills", complete_drill_followups)
