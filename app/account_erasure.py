"""Erase what the sign-in throttle remembers about a person: failed sign-ins counted under their email."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.accounts.models import LoginFailure, User
from app.erasure import ERASERS


def erase_login_failures(session: Session, user: User) -> dict[str, Any]:
    """Eraser: drop the failed sign-in counter kept under the user's email."""
    key = f"email:{user.email.strip().lower()}"  # the key app.accounts.throttle counts under
    removed = session.execute(delete(LoginFailure).where(LoginFailure.key == key)).rowcount
    return {"login_failures": removed}


def init_app() -> None:
    if erase_login_failures not in ERASERS:
        ERASERS.append(erase_login_failures)
