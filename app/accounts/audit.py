"""The audit log of administrative actions."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.accounts.models import AuditEvent

MAX_DETAILS = 2000
Plain = str | int | float | bool | None | list["Plain"] | dict[str, "Plain"]


def record(session: Session, *, actor: str, action: str, target: str = "", **details: Any) -> AuditEvent:
    """Add an audit entry in the caller's transaction; ``details`` must be plain JSON values.

    Anything else (a model, a date, a dataclass) raises TypeError rather than being stored as its repr,
    which would leak whatever the object prints and could not be read back as data.
    """
    event = AuditEvent(actor=actor, action=action, target=target, details=_encode(plain(details, "details")))
    session.add(event)
    return event


def plain(value: Any, path: str) -> Plain:
    """Return ``value`` as plain JSON data (tuples and sets become sorted lists) or raise TypeError."""
    if value is None or type(value) in (str, int, float, bool):
        return value  # type: ignore[no-any-return]
    if isinstance(value, Mapping) and all(type(key) is str for key in value):
        return {key: plain(member, f"{path}.{key}") for key, member in value.items()}
    if isinstance(value, list | tuple):
        return [plain(member, f"{path}[{index}]") for index, member in enumerate(value)]
    if isinstance(value, set | frozenset):
        return sorted(plain(member, f"{path}[]") for member in value)  # type: ignore[type-var]
    raise TypeError(f"audit {path}: {type(value).__name__} is not a plain value; pass its fields")


def _encode(details: Plain) -> str:
    text = json.dumps(details, sort_keys=True, ensure_ascii=False, allow_nan=False)
    if len(text) <= MAX_DETAILS:
        return text
    # Still JSON when shortened: the cut text becomes one string value (escaping may lengthen it).
    keep = MAX_DETAILS - 100
    while len(shortened := json.dumps({"truncated": text[:keep]}, ensure_ascii=False)) > MAX_DETAILS:
        keep //= 2
    return shortened
