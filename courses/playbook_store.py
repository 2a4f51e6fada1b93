"""Published follow-up playbook: one immutable version per competency's playbook file.

The table sits on the published-content base (``courses.store.Base``) next to the module and quiz versions,
so that anything creating the content tables creates it too; its migration is a branch of its own
(``playbook``). ``get_playbook`` joins the latest version of each file into one ``Playbook``.
"""

from __future__ import annotations

import json

from sqlalchemy import String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from courses.playbook import Activity, Playbook
from courses.store import Base, PublishedVersion


class PlaybookVersion(PublishedVersion, Base):
    __tablename__ = "course_playbook_version"
    __table_args__ = (UniqueConstraint("competency_id", "version", name="uq_course_playbook_version"),)
    item_column = "competency_id"

    competency_id: Mapped[str] = mapped_column(String(120), index=True)


def get_playbook(session: Session) -> Playbook | None:
    """Return the published playbook (latest version of every file), or None before the first build."""
    latest = (
        select(PlaybookVersion.competency_id, func.max(PlaybookVersion.version).label("version"))
        .group_by(PlaybookVersion.competency_id)
        .subquery()
    )
    rows = session.scalars(
        select(PlaybookVersion.compiled)
        .join(
            latest,
            (PlaybookVersion.competency_id == latest.c.competency_id)
            & (PlaybookVersion.version == latest.c.version),
        )
        .order_by(PlaybookVersion.competency_id)
    ).all()
    if not rows:
        return None
    return Playbook(tuple(Activity.from_dict(a) for row in rows for a in json.loads(row)["activities"]))
