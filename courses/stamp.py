"""What identifies the catalogue's content, cheaply: for caches of things derived from all of it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, literal, select, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from courses.store import ModuleVersion, QuizVersion, RetiredItem

CatalogueStamp = tuple[tuple[str, str, int, str], ...]


def _latest(
    kind: str, table: type[ModuleVersion | QuizVersion], item_id: InstrumentedAttribute[str]
) -> Select[Any]:
    latest = select(item_id.label("item"), func.max(table.version).label("version")).group_by(item_id)
    newest = latest.subquery()
    return select(literal(kind), item_id, table.version, table.content_hash).join(
        newest, (item_id == newest.c.item) & (table.version == newest.c.version)
    )


# Built once: every drill start asks for the stamp.
_STAMP = union_all(
    _latest("module", ModuleVersion, ModuleVersion.module_id),
    _latest("quiz", QuizVersion, QuizVersion.quiz_id),
    select(literal("retired"), RetiredItem.item_id, literal(0), RetiredItem.kind),
)


def catalogue_stamp(session: Session) -> CatalogueStamp:
    """Return the latest version and content hash of every module and quiz, and what is retired.

    One query and no content loaded; the stamp changes whenever a build publishes or retires something.
    The hashes tell apart two databases that hold the same ids and versions (tests, one process).
    """
    rows = session.execute(_STAMP)
    return tuple(sorted((kind, item, int(n), str(tag)) for kind, item, n, tag in rows))
