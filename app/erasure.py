"""Erasing a person's data on request: each domain registers an eraser for what it holds about them.

An eraser takes the session and the user and returns a short summary of what it removed or anonymised
(for the audit entry). The account itself is anonymised last: the row stays so that references by id keep
working, but nothing identifies the person any more.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from app.accounts.models import User
from app.accounts.passwords import hash_password

Eraser = Callable[[Session, User], dict[str, Any]]
ERASERS: list[Eraser] = []


def erase_person(session: Session, user: User) -> dict[str, Any]:
    """Run every registered eraser, then anonymise the account; return what each did."""
    summary: dict[str, Any] = {}
    for eraser in ERASERS:
        summary[eraser.__name__] = eraser(session, user)
    token = secrets.token_hex(8)
    user.email = f"erased-{token}@erased.invalid"
    user.name = "Erased user"
    user.password_hash = hash_password(secrets.token_urlsafe(32))
    user.is_active_account = False
    user.team_id = None
    user.set_roles(["learner"])
    session.flush()
    summary["account"] = "anonymised"
    return summary
