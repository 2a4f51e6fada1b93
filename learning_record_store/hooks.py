"""Observers of newly stored statements.

Code outside the record store (the app's mastery updater, for one) appends a callable to ``ON_STORED``;
``record_statements`` calls each one with the session and the statements it has just stored, inside the
same transaction, so whatever an observer writes is committed or rolled back together with the statements.
The record store itself imports none of its observers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

StatementObserver = Callable[[Session, list[dict[str, Any]]], None]

ON_STORED: list[StatementObserver] = []


def notify_stored(session: Session, statements: list[dict[str, Any]]) -> None:
    """Call every registered observer with the statements just stored."""
    for observer in list(ON_STORED):
        observer(session, statements)


def register(observer: StatementObserver) -> None:
    """Add an observer once (registering the same callable again is a no-op)."""
    if observer not in ON_STORED:
        ON_STORED.append(observer)
