"""What the admin overview shows, gathered in a few cheap queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import courses
from app.accounts import Role, User
from app.accounts.audit_text import AuditLine, describe
from app.accounts.models import AuditEvent
from learning_record_store.clock import format_instant
from learning_record_store.forwarding import TargetBacklog, backlog
from learning_record_store.health import StoreActivity, store_activity


@dataclass(frozen=True, slots=True)
class Overview:
    people: int
    inactive: int
    by_role: dict[str, int]
    modules: int
    last_published: datetime | None
    has_framework: bool
    store: StoreActivity
    targets: int  # forwarding targets configured
    backlogs: list[TargetBacklog]
    recent: list[AuditLine]

    @property
    def forwarding_ok(self) -> bool:
        return not any(b.attempts for b in self.backlogs)


def overview(session: Session, *, targets: int, now: datetime | None = None) -> Overview:
    """Gather the admin overview; ``targets`` is how many forwarding targets are configured."""
    now = now or datetime.now(UTC)
    people = session.scalar(select(func.count()).select_from(User)) or 0
    inactive = session.scalar(select(func.count()).select_from(User).where(User.is_active_account.is_(False)))
    by_role = dict(session.execute(select(Role.name, func.count()).group_by(Role.name)).all())
    modules = courses.list_modules(session)
    events = session.scalars(select(AuditEvent).order_by(AuditEvent.at.desc()).limit(5))
    return Overview(
        people=int(people),
        inactive=int(inactive or 0),
        by_role={role: int(count) for role, count in by_role.items()},
        modules=len(modules),
        last_published=max((m.info.published_at for m in modules), default=None),
        has_framework=courses.get_framework(session) is not None,
        store=store_activity(session, format_instant(now - timedelta(days=1))),
        targets=targets,
        backlogs=backlog(session),
        recent=[describe(event) for event in events],
    )
