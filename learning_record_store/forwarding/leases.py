"""Leases: one worker at a time sends a target's rows, so they leave in order.

A worker leases the target's ``lrs_outbox_lease`` row with ``SELECT … FOR UPDATE SKIP LOCKED`` (on SQLite,
where that clause does nothing, ``BEGIN IMMEDIATE`` serialises the claim and the worker also holds a
process-level lock). The lease, not a row lock, covers the HTTP exchange, so no transaction stays open
while a remote LRS answers; a crashed worker's lease simply runs out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from learning_record_store.clock import format_instant
from learning_record_store.forwarding.models import OutboxLease
from learning_record_store.forwarding.outbox import dialect_insert


def claim_target(session: Session, name: str, worker: str, *, now: datetime, lease: timedelta) -> bool:
    """Lease target ``name`` to ``worker`` unless another worker holds a live lease (or is claiming it)."""
    row = _lock_free_lease(session, name, worker, now)
    if row is None:
        if session.scalar(select(OutboxLease.target).where(OutboxLease.target == name)) is not None:
            return False  # leased, or locked by a worker claiming it right now
        # The first claim ever of this target. (Only then: INSERT … ON CONFLICT waits for a transaction
        # that updated the conflicting row, which would defeat SKIP LOCKED.)
        session.execute(dialect_insert(session, OutboxLease).values(target=name).on_conflict_do_nothing())
        row = _lock_free_lease(session, name, worker, now)
        if row is None:
            return False
    row.leased_by, row.leased_until = worker, format_instant(now + lease)
    session.flush()
    return True


def _lock_free_lease(session: Session, name: str, worker: str, now: datetime) -> OutboxLease | None:
    stamp = format_instant(now)
    query = (
        select(OutboxLease)
        .where(OutboxLease.target == name)
        .where(
            or_(
                OutboxLease.leased_until.is_(None),
                OutboxLease.leased_until < stamp,
                OutboxLease.leased_by == worker,
            )
        )
        .with_for_update(skip_locked=True)
    )
    return session.scalars(query).one_or_none()


def release_target(session: Session, name: str, worker: str) -> None:
    session.execute(
        update(OutboxLease)
        .where(OutboxLease.target == name, OutboxLease.leased_by == worker)
        .values(leased_by=None, leased_until=None)
        .execution_options(synchronize_session=False)
    )
