"""Throttling of failed sign-ins, kept in the database so every app server sees the same counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.accounts.models import LoginFailure

WINDOW = timedelta(minutes=15)
LIMITS = {"email": 5, "address": 30}


def _keys(email: str, address: str) -> dict[str, str]:
    return {"email": f"email:{email.strip().lower()}", "address": f"address:{address}"}


def is_throttled(session: Session, email: str, address: str, now: datetime | None = None) -> bool:
    """Whether sign-in for this email, or from this address, is paused after too many failures."""
    now = now or datetime.now(UTC)
    for kind, key in _keys(email, address).items():
        row = session.get(LoginFailure, key)
        if row and _aware(row.window_start) > now - WINDOW and row.failures >= LIMITS[kind]:
            return True
    return False


def record_failure(session: Session, email: str, address: str, now: datetime | None = None) -> None:
    now = now or datetime.now(UTC)
    for key in _keys(email, address).values():
        row = session.scalar(select(LoginFailure).where(LoginFailure.key == key).with_for_update())
        if row is None:
            session.add(LoginFailure(key=key, failures=1, window_start=now))
        elif _aware(row.window_start) <= now - WINDOW:
            row.failures, row.window_start = 1, now
        else:
            row.failures += 1
    session.flush()


def clear_failures(session: Session, email: str) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.key == _keys(email, "")["email"]))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
