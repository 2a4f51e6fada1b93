"""Write new versions of changed items in bulk: one query for the latest versions, one insert for the new."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from courses.kinds.base import Fragment, PublishResult
from courses.store import MediaBlob


def latest_hashes(session: Session, model: Any) -> dict[str, tuple[int, str]]:
    """Return item id -> (latest version, content hash)."""
    item = getattr(model, model.item_column)
    latest = select(item.label("item"), func.max(model.version).label("version")).group_by(item).subquery()
    rows = session.execute(
        select(item, model.version, model.content_hash).join(
            latest, (item == latest.c.item) & (model.version == latest.c.version)
        )
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def publish_versions(
    session: Session,
    model: Any,
    label: str,
    fragments: list[Fragment],
    row: Callable[[Fragment], dict[str, Any]],
) -> PublishResult:
    """Insert version N+1 for each fragment whose content hash differs from the latest published one."""
    result = PublishResult()
    latest = latest_hashes(session, model)
    now = datetime.now(UTC)
    rows: list[dict[str, Any]] = []
    for fragment in sorted(fragments, key=lambda f: f.item_id or ""):
        assert fragment.item_id is not None
        version, content_hash = latest.get(fragment.item_id, (0, ""))
        if content_hash == fragment.content_hash:
            result.unchanged.append(f"{label} {fragment.item_id} v{version}")
            continue
        assert fragment.compiled_json is not None, "a changed fragment must be compiled"
        rows.append(
            {
                model.item_column: fragment.item_id,
                "version": version + 1,
                "content_hash": fragment.content_hash,
                "source_path": fragment.relative,
                "compiled": fragment.compiled_json,
                "published_at": now,
                **row(fragment),
            }
        )
        result.published.append(f"{label} {fragment.item_id} v{version + 1}")
    if rows:
        session.execute(insert(model), rows)
    return result


def store_media(session: Session, media: dict[str, str], load: Callable[[str], bytes]) -> None:
    """Store the blobs (sha256 -> media type) not in the database yet; ``load`` reads one by sha256."""
    if not media:
        return
    wanted = sorted(media)
    existing: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        existing.update(session.scalars(select(MediaBlob.sha256).where(MediaBlob.sha256.in_(chunk))))
    now = datetime.now(UTC)
    rows = []
    for sha in wanted:
        if sha not in existing:
            data = load(sha)
            rows.append(
                {"sha256": sha, "media_type": media[sha], "size": len(data), "data": data, "created_at": now}
            )
    if rows:
        session.execute(insert(MediaBlob), rows)
