"""The outbox: rows written with the statements they carry, sent per target by one worker at a time.

Order per target comes from two rules:

* ``enqueue_for_forwarding`` takes a target's sequence numbers with ``UPDATE … RETURNING`` on its
  ``lrs_outbox_target`` row, whose lock is held until the statements' transaction ends; so sequences are
  gapless and become visible in order.
* a worker leases a whole target (``leases``) and sends its undelivered rows oldest first. Leasing the
  target rather than locking rows keeps two workers from sending one target's rows out of order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from learning_record_store.clock import format_instant
from learning_record_store.forwarding.models import OutboxEntry, OutboxLease, OutboxTarget
from learning_record_store.forwarding.targets import Target


def enqueue_for_forwarding(
    session: Session,
    statements: Sequence[Mapping[str, Any]],
    targets: Sequence[Target],
    *,
    now: datetime | None = None,
) -> int:
    """Add an outbox row for each stored statement each target wants; return the number of rows."""
    stamp = format_instant(now or datetime.now(UTC))
    added = 0
    for target in targets:
        wanted = [statement for statement in statements if target.wants(statement)]
        if not wanted:
            continue
        last = _reserve_sequences(session, target.name, len(wanted))
        first = last - len(wanted) + 1
        session.add_all(
            OutboxEntry(
                target=target.name,
                sequence=first + offset,
                statement_id=statement["id"],
                payload=json.dumps(statement, ensure_ascii=False, separators=(",", ":")),
                attempts=0,
                next_attempt_at=stamp,
                created_at=stamp,
            )
            for offset, statement in enumerate(wanted)
        )
        added += len(wanted)
    session.flush()
    return added


def _reserve_sequences(session: Session, name: str, count: int) -> int:
    session.execute(
        dialect_insert(session, OutboxTarget).values(name=name, last_sequence=0).on_conflict_do_nothing()
    )
    statement = (
        update(OutboxTarget)
        .where(OutboxTarget.name == name)
        .values(last_sequence=OutboxTarget.last_sequence + count)
        .returning(OutboxTarget.last_sequence)
        .execution_options(synchronize_session=False)
    )
    return int(session.execute(statement).scalar_one())


def dialect_insert(session: Session, model: type[OutboxTarget] | type[OutboxLease]) -> Any:
    is_postgresql = session.get_bind().dialect.name == "postgresql"
    return postgresql.insert(model) if is_postgresql else sqlite.insert(model)


@dataclass(frozen=True, slots=True)
class PendingEntry:
    id: int
    sequence: int
    statement_id: str
    statement: dict[str, Any]


def next_batch(session: Session, name: str, *, now: datetime, size: int) -> list[PendingEntry]:
    """Return the oldest undelivered rows of target ``name``, or none while its oldest row waits to retry."""
    rows = session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.target == name, OutboxEntry.delivered_at.is_(None))
        .order_by(OutboxEntry.sequence)
        .limit(size)
    ).all()
    if not rows or rows[0].next_attempt_at > format_instant(now):
        return []
    return [
        PendingEntry(row.id, row.sequence, row.statement_id, json.loads(row.payload or "{}")) for row in rows
    ]


def mark_delivered(session: Session, entry_ids: Sequence[int], *, now: datetime) -> None:
    if not entry_ids:
        return
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.id.in_(entry_ids))
        .values(delivered_at=format_instant(now), payload=None, last_error=None)
        .execution_options(synchronize_session=False)
    )


def mark_failed(session: Session, entry_ids: Sequence[int], error: str, *, retry_at: datetime) -> None:
    """Count a failed attempt on these rows and hold them back until ``retry_at``."""
    if not entry_ids:
        return
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.id.in_(entry_ids))
        .values(
            attempts=OutboxEntry.attempts + 1,
            last_error=error[:2000],
            next_attempt_at=format_instant(retry_at),
        )
        .execution_options(synchronize_session=False)
    )


def head_attempts(session: Session, name: str) -> int:
    """Return the failed attempts of the oldest undelivered row of ``name`` (0 when none)."""
    attempts = session.scalar(
        select(OutboxEntry.attempts)
        .where(OutboxEntry.target == name, OutboxEntry.delivered_at.is_(None))
        .order_by(OutboxEntry.sequence)
        .limit(1)
    )
    return int(attempts or 0)
