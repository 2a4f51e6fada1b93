"""Retiring items whose source file was removed: old versions stay readable, the catalogue drops them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from courses.store import RetiredItem


def retired_ids(session: Session, kind: str) -> set[str]:
    """Return the ids of the retired items of a kind (e.g. "modules")."""
    return set(session.scalars(select(RetiredItem.item_id).where(RetiredItem.kind == kind)))


def is_retired(session: Session, kind: str, item_id: str) -> bool:
    """True when the item's source file was removed (and not put back)."""
    query = select(RetiredItem.item_id).where(RetiredItem.kind == kind, RetiredItem.item_id == item_id)
    return session.scalar(query) is not None


def update_retired(session: Session, kind: str, published: set[str], present: set[str]) -> list[str]:
    """Retire published items no longer present, bring back those that are; return the newly retired."""
    retired = retired_ids(session, kind)
    returning = sorted(retired & present)
    if returning:
        session.execute(
            delete(RetiredItem).where(RetiredItem.kind == kind, RetiredItem.item_id.in_(returning))
        )
    newly = sorted(published - present - retired)
    if newly:
        now = datetime.now(UTC)
        session.execute(insert(RetiredItem), [{"kind": kind, "item_id": i, "retired_at": now} for i in newly])
    return newly
