"""Erase what the sign-in throttle remembers about a person: failed sign-ins counted under their email."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.accounts import throttle
from app.accounts.models import User
from app.erasure import ERASERS


def erase_login_failures(session: Session, user: User) -> dict[str, Any]:
    """Eraser: drop the failed sign-in counters kept under the user's email (one per client address)."""
    return {"login_failures": throttle.unlock(session, user.email)}


def init_app() -> None:
    if erase_login_failures not in ERASERS:
        ERASERS.append(erase_login_failures)
