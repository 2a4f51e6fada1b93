"""Follow-ups that complete themselves: a registry of rules, each reading the ``completed`` statements just
stored and confirming the open follow-ups they satisfy (in the same transaction as the statements).

``module``: an education follow-up naming a module completes when the mentee completes that module.
``drills``: an education follow-up of ``drills: N`` completes after N finished drills on its competency.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

Completion = Callable[[Session, list[dict[str, Any]]], None]
SELF_COMPLETING: dict[str, Completion] = {}


def register(name: str, rule: Completion) -> None:
    SELF_COMPLETING[name] = rule


def complete_followups(session: Session, completions: list[dict[str, Any]]) -> None:
    """Run every rule over freshly stored ``completed`` statements."""
    for rule in SELF_COMPLETING.values():
        rule(session, completions)
