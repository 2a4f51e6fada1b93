"""Assigning modules: to a whole team (the assessments domain's team assignments, as ``elearn assign``
does) or to chosen people of it, with a due date; the status of each assignment per learner; the
reminders of the daily digest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.insight.models import PersonAssignment
from app.learner import catalog
from app.learner.assignments import Assignment
from app.mentoring.notifications import notify
from assessments.progress import assign_to_team, team_modules
from assessments.store import ModuleProgress

COMPLETED, IN_PROGRESS, NOT_STARTED, OVERDUE = "completed", "in progress", "not started", "overdue"


def assign_modules(
    session: Session,
    *,
    team_id: int,
    module_ids: Sequence[str],
    due: date | None,
    people: Sequence[User] | None = None,
    assigned_by: int | None = None,
) -> int:
    """Assign the modules to the team, or only to ``people`` when given; return how many rows were set.

    Raises ``catalog.ContentNotFoundError`` for a module that is not published (nothing is assigned then).
    """
    for module_id in module_ids:
        catalog.get_module(session, module_id)
    if people is None:
        for module_id in module_ids:
            assign_to_team(session, team_id=team_id, module_id=module_id, due=due)
        return len(module_ids)
    for person in people:
        for module_id in module_ids:
            row = session.scalar(
                select(PersonAssignment).where(
                    PersonAssignment.user_id == person.id, PersonAssignment.module_id == module_id
                )
            )
            if row is None:
                row = PersonAssignment(user_id=person.id, module_id=module_id, assigned_by=assigned_by)
                session.add(row)
            row.due = due
    session.flush()
    return len(people) * len(module_ids)


def person_assignments(session: Session, user: Any) -> list[Assignment]:
    """My learning's provider for modules a lead assigned to this person."""
    query = select(PersonAssignment).where(PersonAssignment.user_id == user.id)
    return [Assignment(row.module_id, "your team lead", row.due) for row in session.scalars(query)]


@dataclass(frozen=True, slots=True)
class AssignmentStatus:
    user: User
    module_id: str
    due: date | None
    status: str  # COMPLETED, IN_PROGRESS, NOT_STARTED or OVERDUE


def assignment_statuses(
    session: Session, team_id: int | None, members: Sequence[User], *, today: date
) -> list[AssignmentStatus]:
    """Every assignment of the team's learners (team-wide and personal) with where each learner is."""
    by_id = {m.id: m for m in members}
    if team_id is None or not by_id:
        return []
    wanted: dict[tuple[int, str], date | None] = {}
    for row in team_modules(session, team_id):
        for member in members:
            wanted[(member.id, row.module_id)] = row.due
    # The team's people as subqueries (lists of hundreds of values cost more than the queries), then
    # only the members asked about.
    team = select(User.id).where(User.team_id == team_id)
    for row in session.scalars(select(PersonAssignment).where(PersonAssignment.user_id.in_(team))):
        key = (row.user_id, row.module_id)
        if row.user_id in by_id:
            wanted[key] = _earlier(wanted[key], row.due) if key in wanted else row.due
    uids = team.with_only_columns(User.uid)
    progress = _progress(session, uids, {module for _, module in wanted})
    found = []
    for (user_id, module_id), due in sorted(wanted.items(), key=lambda i: (by_id[i[0][0]].name, i[0][1])):
        user = by_id[user_id]
        row = progress.get((user.uid, module_id))
        found.append(AssignmentStatus(user, module_id, due, _status(row, due, today)))
    return found


def _earlier(a: date | None, b: date | None) -> date | None:
    return min((d for d in (a, b) if d is not None), default=None)


def _progress(
    session: Session, uids: Select[tuple[str]], module_ids: set[str]
) -> dict[tuple[str, str], ModuleProgress]:
    if not module_ids:
        return {}
    query = select(ModuleProgress).where(
        ModuleProgress.learner_id.in_(uids), ModuleProgress.module_id.in_(module_ids)
    )
    found: dict[tuple[str, str], ModuleProgress] = {}
    for row in session.scalars(query):
        key = (row.learner_id, row.module_id)
        if key not in found or row.completed_at is not None:
            found[key] = row
    return found


def _status(row: ModuleProgress | None, due: date | None, today: date) -> str:
    if row is not None and row.completed_at is not None:
        return COMPLETED
    if due is not None and due < today:
        return OVERDUE
    return IN_PROGRESS if row is not None else NOT_STARTED


def queue_assignments_due(session: Session, *, today: date, days: int = 2) -> int:
    """Remind learners of assigned modules due within ``days`` and not completed (once per due date)."""
    learners = list(
        session.scalars(select(User).where(User.team_id.is_not(None), User.is_active_account.is_(True)))
    )
    by_team: dict[int, list[User]] = {}
    for user in learners:
        if user.has_role("learner"):
            by_team.setdefault(user.team_id, []).append(user)
    added = 0
    for team_id, members in by_team.items():
        for status in assignment_statuses(session, team_id, members, today=today):
            if status.status == COMPLETED or status.due is None or status.due > today + timedelta(days=days):
                continue
            try:
                title = catalog.get_module(session, status.module_id).module.title
            except catalog.ContentNotFoundError:
                continue  # retired since it was assigned: nothing to open
            key = f"assignment-due:{status.user.id}:{status.module_id}:{status.due.isoformat()}"
            message = f"Due {status.due:%d %b}: {title}"
            if notify(session, status.user.id, "assignment-due", message, "/learn/", dedupe_key=key):
                added += 1
    return added


def erase_assignments(session: Session, user: User) -> dict[str, Any]:
    """Delete the modules assigned to the person alone (an eraser of ``app.erasure``)."""
    query = delete(PersonAssignment).where(PersonAssignment.user_id == user.id)
    return {"assignments": session.execute(query).rowcount}
