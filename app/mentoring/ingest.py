"""What mentoring does when the record store has stored statements (registered in its ON_STORED hook).

1. Fold the competency evidence into mastery, incrementally. Agents named by mbox are mapped to our
   users' account keys so that evidence from other systems lands on the same estimate.
2. Confirm open education follow-ups whose module the learner has just completed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.mentoring.models import CONFIRMED
from app.mentoring.notifications import notify
from app.mentoring.plans import open_education
from assessments.evidence import EvidenceItem, actor_key, evidence_from
from assessments.mastery import DEFAULT_HALF_LIFE_DAYS
from assessments.mastery_store import record_evidence
from learning_record_store.vocabulary import Verb

MODULE_PATH = "/xapi/activities/modules/"


def on_stored(session: Session, statements: list[dict[str, Any]]) -> None:
    """Update mastery and plans from freshly stored statements (same transaction as the statements)."""
    items = [item for statement in statements for item in evidence_from(statement)]
    if items:
        record_evidence(session, _resolve_mboxes(session, items), half_life_days=half_life_days())
    completions = [s for s in statements if (s.get("verb") or {}).get("id") == Verb.COMPLETED]
    if completions:
        _complete_education(session, completions)


def half_life_days() -> float:
    if has_app_context():
        return float(current_app.config.get("MASTERY_HALF_LIFE_DAYS") or DEFAULT_HALF_LIFE_DAYS)
    return DEFAULT_HALF_LIFE_DAYS


def _resolve_mboxes(session: Session, items: list[EvidenceItem]) -> list[EvidenceItem]:
    emails = {
        item.learner_key[len("mbox:mailto:") :] for item in items if item.learner_key.startswith("mbox:")
    }
    if not emails:
        return items
    rows = session.execute(select(User.email, User.uid).where(User.email.in_(emails)))
    uids = {email: uid for email, uid in rows}
    return [
        replace(item, learner_key=f"account:{uids[email]}")
        if item.learner_key.startswith("mbox:") and (email := item.learner_key[len("mbox:mailto:") :]) in uids
        else item
        for item in items
    ]


def _complete_education(session: Session, completions: list[dict[str, Any]]) -> None:
    done: set[tuple[str, str]] = set()  # (actor key, module id)
    for statement in completions:
        object_id = str((statement.get("object") or {}).get("id", ""))
        key = actor_key(statement.get("actor") or {})
        if MODULE_PATH in object_id and key:
            done.add((key, object_id.rsplit(MODULE_PATH, 1)[1].strip("/")))
    if not done:
        return
    keys = {key for key, _ in done}
    uids = {k[len("account:") :] for k in keys if k.startswith("account:")}
    emails = {k[len("mbox:mailto:") :] for k in keys if k.startswith("mbox:")}
    users = session.scalars(select(User).where(User.uid.in_(uids) | User.email.in_(emails))).all()
    by_id = {u.id: u for u in users}
    for followup, relation in open_education(session, list(by_id)):
        mentee = by_id[relation.mentee_id]
        if {
            (f"account:{mentee.uid}", followup.module_id),
            (f"mbox:mailto:{mentee.email}", followup.module_id),
        } & done:
            followup.status, followup.confirmed_at = CONFIRMED, datetime.now(UTC)
            notify(
                session,
                relation.mentor_id,
                "education-completed",
                f"{mentee.name} completed the module for “{followup.title}”",
                f"/mentoring/mentees/{mentee.id}",
            )
    session.flush()
