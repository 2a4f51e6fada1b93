"""What is waiting in the outbox, and which targets keep failing (``elearn lrs forward --report``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learning_record_store.forwarding.models import OutboxEntry


@dataclass(frozen=True, slots=True)
class TargetBacklog:
    """What is waiting for one target, and why its oldest row has not gone yet."""

    target: str
    pending: int
    oldest_statement_id: str
    oldest_created_at: str
    attempts: int
    next_attempt_at: str
    last_error: str | None


def backlog(session: Session, *, min_attempts: int = 0) -> list[TargetBacklog]:
    """Return the backlog of each target whose oldest undelivered row failed ``min_attempts`` times."""
    counts = dict(
        session.execute(
            select(OutboxEntry.target, func.count())
            .where(OutboxEntry.delivered_at.is_(None))
            .group_by(OutboxEntry.target)
        ).all()
    )
    result = []
    for name in sorted(counts):
        head = session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.target == name, OutboxEntry.delivered_at.is_(None))
            .order_by(OutboxEntry.sequence)
            .limit(1)
        ).one()
        if head.attempts < min_attempts:
            continue
        result.append(
            TargetBacklog(
                name,
                int(counts[name]),
                head.statement_id,
                head.created_at,
                head.attempts,
                head.next_attempt_at,
                head.last_error,
            )
        )
    return result
