"""The audit log of administrative actions."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.accounts.models import AuditEvent


def record(session: Session, *, actor: str, action: str, target: str = "", **details: Any) -> AuditEvent:
    """Add an audit entry in the caller's transaction."""
    event = AuditEvent(
        actor=actor,
        action=action,
        target=target,
        details=json.dumps(details, sort_keys=True, default=str)[:2000],
    )
    session.add(event)
    return event
