"""Module progress: where the learner is, which pages they have seen, and when they completed it.

The position is saved at every page view, so the learner lands where they left off on any device.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from assessments.store import ModuleProgress, TeamAssignment, utcnow


@dataclass(frozen=True, slots=True)
class PageView:
    progress: ModuleProgress
    is_first_visit: bool  # the learner had never opened this module version
    completed_now: bool  # this view completed the module


def find_progress(
    session: Session, *, learner_id: str, module_id: str, version: int | None = None
) -> ModuleProgress | None:
    """Return the learner's progress in a module version (their latest version when None)."""
    if version is None:
        return session.scalar(_LATEST_PROGRESS, {"learner_id": learner_id, "module_id": module_id})
    return session.scalar(_PROGRESS, {"learner_id": learner_id, "module_id": module_id, "version": version})


# Built once: every page view looks its progress up.
_LATEST_PROGRESS = (
    select(ModuleProgress)
    .where(
        ModuleProgress.learner_id == bindparam("learner_id"),
        ModuleProgress.module_id == bindparam("module_id"),
    )
    .order_by(ModuleProgress.module_version.desc())
    .limit(1)
)
_PROGRESS = select(ModuleProgress).where(
    ModuleProgress.learner_id == bindparam("learner_id"),
    ModuleProgress.module_id == bindparam("module_id"),
    ModuleProgress.module_version == bindparam("version"),
)


def learner_progress(session: Session, learner_id: str) -> list[ModuleProgress]:
    """Return every module the learner has opened, most recently used first."""
    query = select(ModuleProgress).where(ModuleProgress.learner_id == learner_id)
    return list(session.scalars(query.order_by(ModuleProgress.updated_at.desc(), ModuleProgress.id.desc())))


def start_module(
    session: Session,
    *,
    learner_id: str,
    module_id: str,
    version: int,
    page_count: int,
    now: datetime | None = None,
) -> tuple[ModuleProgress, bool]:
    """Return the learner's progress in this module version, creating it; True when it is new."""
    progress = find_progress(session, learner_id=learner_id, module_id=module_id, version=version)
    if progress is not None:
        return progress, False
    now = now or utcnow()
    progress = ModuleProgress(
        registration=str(uuid.uuid4()),
        learner_id=learner_id,
        module_id=module_id,
        module_version=version,
        page_count=page_count,
        pages_seen=[],
        position=0,
        started_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(progress)
    except IntegrityError:
        # The same request, retried, reached another app server first: use the row it created.
        existing = find_progress(session, learner_id=learner_id, module_id=module_id, version=version)
        if existing is None:
            raise
        return existing, False
    return progress, True


def view_page(
    session: Session,
    *,
    learner_id: str,
    module_id: str,
    version: int,
    page_count: int,
    page_index: int,
    quiz_passed: Callable[[], bool] = lambda: True,
    now: datetime | None = None,
) -> PageView:
    """Record a page view: save the position, mark the page seen, complete the module when it is done.

    Completion is decided when a view shows the last unseen page (``quiz_passed`` is asked then only); a
    quiz passed later completes the module from the submission.
    """
    now = now or utcnow()
    if not 0 <= page_index < page_count:
        raise IndexError(page_index)
    progress, is_first_visit = start_module(
        session, learner_id=learner_id, module_id=module_id, version=version, page_count=page_count, now=now
    )
    is_new_page = page_index not in progress.pages_seen
    if is_new_page:
        progress.pages_seen = sorted([*progress.pages_seen, page_index])
    progress.position, progress.updated_at = page_index, now
    completed_now = False
    if is_new_page and progress.completed_at is None and all_pages_seen(progress):
        completed_now = complete_if_done(progress, quiz_passed=quiz_passed(), now=now)
    _save_position(session, progress)
    return PageView(progress, is_first_visit, completed_now)


_POSITION_COLUMNS = ("pages_seen", "position", "updated_at", "completed_at")
_SAVE_POSITION = (
    update(ModuleProgress)
    .where(ModuleProgress.id == bindparam("progress_id"))
    .values(
        {
            name: bindparam(f"new_{name}", type_=ModuleProgress.__table__.c[name].type)
            for name in _POSITION_COLUMNS
        }
    )
)


def _save_position(session: Session, progress: ModuleProgress) -> None:
    """Write where the learner is with one prepared UPDATE (every page view does this), and tell the
    session those values are stored, so that it has nothing left to flush for them."""
    values = {name: getattr(progress, name) for name in _POSITION_COLUMNS}
    session.connection().execute(
        _SAVE_POSITION,
        {"progress_id": progress.id, **{f"new_{name}": value for name, value in values.items()}},
    )
    for name, value in values.items():
        set_committed_value(progress, name, value)


def all_pages_seen(progress: ModuleProgress) -> bool:
    return len(set(progress.pages_seen)) >= progress.page_count


def complete_if_done(progress: ModuleProgress, *, quiz_passed: bool, now: datetime | None = None) -> bool:
    """Complete the module when every page is seen and any required quiz is passed; True when it just did."""
    if progress.completed_at is not None or not all_pages_seen(progress) or not quiz_passed:
        return False
    progress.completed_at = now or utcnow()
    return True


def team_modules(session: Session, team_id: int | None) -> list[TeamAssignment]:
    """Return the modules assigned to a team, soonest due first."""
    if team_id is None:
        return []
    query = select(TeamAssignment).where(TeamAssignment.team_id == team_id)
    return sorted(session.scalars(query), key=lambda a: (a.due is None, a.due, a.module_id))


def assign_to_team(
    session: Session, *, team_id: int, module_id: str, due: date | None = None
) -> TeamAssignment:
    """Assign a module to every member of a team (updating the due date when already assigned)."""
    row = session.scalar(
        select(TeamAssignment).where(TeamAssignment.team_id == team_id, TeamAssignment.module_id == module_id)
    )
    if row is None:
        row = TeamAssignment(team_id=team_id, module_id=module_id)
        session.add(row)
    row.due = due
    session.flush()
    return row
