"""The audit log of administrative actions."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from app.accounts.models import AuditEvent


def record(session: Session, *, actor: str, action: str, target: str = "", **details: Any) -> AuditEvent:
    """Add an audit entry in the caller's transaction."""
    event = AuditEvent(
        actor=actor,
        action=action,
        target=target,
        details=json.dumps(details, sort_keys=True, default=_plain_value)[:2000],
    )
    session.add(event)
    return event


def _plain_value(value: Any) -> Any:
    """Turn what JSON cannot hold into data a person can read (never an object's repr)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, date | Enum):
        return value.isoformat() if isinstance(value, date) else value.value
    text = str(value)
    return type(value).__name__ if text == object.__repr__(value) else text
