"""How busy the record store is: statements stored recently and the latest one (index range reads only)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from learning_record_store.models import Client, Statement


@dataclass(frozen=True, slots=True)
class StoreActivity:
    stored_since: int  # statements stored since the given instant
    last_stored: str | None  # the store's timestamp of the latest statement
    active_clients: int


def store_activity(session: Session, since: str) -> StoreActivity:
    """Count the statements stored since ``since`` (an instant in the store's format) and the latest one."""
    recent = session.scalar(select(func.count()).select_from(Statement).where(Statement.stored >= since))
    last = session.scalar(select(func.max(Statement.stored)))
    clients = session.scalar(select(func.count()).select_from(Client).where(Client.revoked_at.is_(None)))
    return StoreActivity(int(recent or 0), last, int(clients or 0))


__all__ = ["StoreActivity", "store_activity"]
