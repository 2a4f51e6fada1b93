"""Notifications in the app, and the daily email digest sent through the configured SMTP server."""

from __future__ import annotations

import smtplib
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.mail import smtp_connection
from app.mentoring.models import ASSIGNED, RETURNED, FollowUp, Notification, Relationship

KINDS = {
    "followup-assigned": "New follow-up",
    "followup-due": "Due soon",
    "followup-submitted": "Waiting for confirmation",
    "followup-confirmed": "Confirmed",
    "followup-returned": "Sent back",
    "essay-graded": "Essay graded",
    "education-completed": "Module completed",
    "drills-completed": "Drills done",
    "assignment-due": "Module due soon",
}


def notify(
    session: Session, user_id: int, kind: str, message: str, link: str = "", *, dedupe_key: str | None = None
) -> Notification | None:
    """Add an in-app notification (once per ``dedupe_key`` when given)."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if dedupe_key and session.scalar(select(Notification.id).where(Notification.dedupe_key == dedupe_key)):
        return None
    note = Notification(
        user_id=user_id, kind=kind, message=message[:500], link=link[:300], dedupe_key=dedupe_key
    )
    session.add(note)
    session.flush()
    return note


def unread(session: Session, user_id: int) -> list[Notification]:
    query = select(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    return list(session.scalars(query.order_by(Notification.created_at.desc(), Notification.id.desc())))


def recent(session: Session, user_id: int, limit: int = 50) -> list[Notification]:
    query = select(Notification).where(Notification.user_id == user_id)
    return list(session.scalars(query.order_by(Notification.id.desc()).limit(limit)))


def mark_read(session: Session, user_id: int) -> None:
    for note in unread(session, user_id):
        note.read_at = datetime.now(UTC)
    session.flush()


def queue_due_soon(session: Session, *, today: date, days: int = 2) -> int:
    """Notify mentees of follow-ups due within ``days`` (once per follow-up and due date)."""
    query = (
        select(FollowUp, Relationship)
        .join(Relationship, Relationship.id == FollowUp.relationship_id)
        .where(
            Relationship.is_active.is_(True),
            FollowUp.status.in_((ASSIGNED, RETURNED)),
            FollowUp.due_date.is_not(None),
            FollowUp.due_date <= today + timedelta(days=days),
        )
    )
    added = 0
    for followup, relation in session.execute(query):
        key = f"due:{followup.id}:{followup.due_date.isoformat()}"
        if notify(
            session,
            relation.mentee_id,
            "followup-due",
            f"Due {followup.due_date:%d %b}: {followup.title}",
            "/mentoring/my-plan",
            dedupe_key=key,
        ):
            added += 1
    return added


def send_digests(session: Session, config: Mapping[str, Any], *, base_url: str = "") -> int:
    """Email each person their notifications not yet emailed, one message each; return messages sent."""
    pending = session.scalars(
        select(Notification).where(Notification.emailed_at.is_(None)).order_by(Notification.id)
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for note in pending:
        by_user[note.user_id].append(note)
    if not by_user:
        return 0
    sent = 0
    with _smtp(config) as smtp:
        for user_id, notes in by_user.items():
            user = session.get(User, user_id)
            if user is None or not user.is_active:
                continue
            smtp.send_message(_digest(user, notes, config, base_url))
            now = datetime.now(UTC)
            for note in notes:
                note.emailed_at = now
            sent += 1
    session.flush()
    return sent


def _digest(user: User, notes: list[Notification], config: Mapping[str, Any], base_url: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"elearn: {len(notes)} update{'s' if len(notes) != 1 else ''} from your mentoring"
    message["From"] = config.get("MAIL_FROM") or "elearn@localhost"
    message["To"] = user.email
    lines = [f"Hello {user.name},", "", "Here is what happened in your mentoring since the last digest:", ""]
    lines += [f"- {KINDS[n.kind]}: {n.message}" + (f" ({base_url}{n.link})" if n.link else "") for n in notes]
    message.set_content("\n".join(lines) + "\n")
    return message


def _smtp(config: Mapping[str, Any]) -> smtplib.SMTP:
    return smtp_connection(config)
