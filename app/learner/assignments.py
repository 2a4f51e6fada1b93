"""Where "assigned to me" comes from: a registry of providers, each naming modules for a learner.

The team provider reads the team assignments of the assessments domain; mentoring adds its plan provider
with ``ASSIGNMENT_PROVIDERS["mentor-plan"] = …`` without touching My learning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from assessments.progress import team_modules


@dataclass(frozen=True, slots=True)
class Assignment:
    module_id: str
    source: str  # shown to the learner: "your team", "your mentor's plan"
    due: date | None = None


AssignmentProvider = Callable[[Session, Any], list[Assignment]]


def team_assignments(session: Session, user: Any) -> list[Assignment]:
    return [Assignment(row.module_id, "your team", row.due) for row in team_modules(session, user.team_id)]


ASSIGNMENT_PROVIDERS: dict[str, AssignmentProvider] = {"team": team_assignments}


def assignments_for(session: Session, user: Any) -> list[Assignment]:
    """Return the modules assigned to the user by every provider, one per module, earliest due first."""
    merged: dict[str, Assignment] = {}
    for provider in ASSIGNMENT_PROVIDERS.values():
        for assignment in provider(session, user):
            known = merged.get(assignment.module_id)
            if known is None or (
                assignment.due is not None and (known.due is None or assignment.due < known.due)
            ):
                merged[assignment.module_id] = assignment
    return sorted(merged.values(), key=lambda a: (a.due is None, a.due or date.max, a.module_id))
