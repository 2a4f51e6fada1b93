"""Store, merge, fetch and delete documents. Functions take a Session and flush; the caller commits."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from learning_record_store.clock import format_instant
from learning_record_store.clock import now as current_instant
from learning_record_store.documents import concurrency
from learning_record_store.documents.concurrency import Preconditions
from learning_record_store.documents.errors import EditConflict
from learning_record_store.documents.merge import check_json_content, merge_documents
from learning_record_store.documents.models import (
    ActivityProfileDocument,
    AgentProfileDocument,
    Document,
    StateDocument,
)


@dataclass(frozen=True, slots=True)
class Scope:
    """Where documents live: an activity, an agent, or both (state), optionally narrowed by registration."""

    model: type[Document]
    columns: tuple[tuple[str, str], ...]
    registration: str | None = None
    # A PUT on an existing document must carry If-Match or If-None-Match (profiles, not state).
    requires_precondition: bool = True

    @property
    def hash(self) -> str:
        return _digest(self.model.__tablename__, *(value for _name, value in self.columns))

    def document_hash(self, document_id: str) -> str:
        return _digest(self.hash, self.registration or "", document_id)


def state_scope(activity_id: str, agent_key: str, registration: str | None) -> Scope:
    columns = (("activity_id", activity_id), ("agent", agent_key))
    return Scope(StateDocument, columns, registration, requires_precondition=False)


def activity_profile_scope(activity_id: str) -> Scope:
    return Scope(ActivityProfileDocument, (("activity_id", activity_id),))


def agent_profile_scope(agent_key: str) -> Scope:
    return Scope(AgentProfileDocument, (("agent", agent_key),))


@dataclass(frozen=True, slots=True)
class DocumentIds:
    ids: list[str]
    last_modified: str | None  # the newest ``updated_at`` among them


def get_document(
    session: Session, scope: Scope, document_id: str, *, for_update: bool = False
) -> Document | None:
    """Return the document with this id in ``scope``, or None."""
    query = select(scope.model).where(scope.model.document_hash == scope.document_hash(document_id))
    if for_update:
        query = query.with_for_update()
    return cast(Document | None, session.scalars(query).one_or_none())


def list_document_ids(session: Session, scope: Scope, since: datetime | None = None) -> DocumentIds:
    """Return the ids of the documents in ``scope`` changed after ``since`` (all when None)."""
    model = scope.model
    query = (
        select(model.document_id, model.updated_at).where(*_scope_filter(scope)).order_by(model.updated_at)
    )
    if since is not None:
        query = query.where(model.updated_at > format_instant(since))
    rows = session.execute(query).all()
    last = max((updated for _id, updated in rows), default=None)
    return DocumentIds([document_id for document_id, _updated in rows], last)


def put_document(
    session: Session,
    scope: Scope,
    document_id: str,
    content: bytes,
    content_type: str | None,
    preconditions: Preconditions,
    *,
    now: datetime | None = None,
    strict: bool = True,
) -> Document:
    """Store ``content`` as the document, replacing any existing one.

    A PUT to a profile document needs If-Match or If-None-Match (3.1.s3.b1): without either it is a
    conflict (409) when the document exists and, unless ``strict`` is off, a bad request (400) when it
    does not, as ADL's reference LRS answers. State documents need neither (3.1.s3).
    """
    check_json_content(content, content_type)
    existing = get_document(session, scope, document_id, for_update=True)
    concurrency.check(
        preconditions,
        existing.etag if existing else None,
        headers_required=scope.requires_precondition,
        even_to_create=strict,
    )
    return _save(session, scope, document_id, existing, content, content_type, now)


def post_document(
    session: Session,
    scope: Scope,
    document_id: str,
    content: bytes,
    content_type: str | None,
    preconditions: Preconditions,
    *,
    now: datetime | None = None,
) -> Document:
    """Merge a JSON object into the existing JSON document, or store it when there is none."""
    check_json_content(content, content_type)
    existing = get_document(session, scope, document_id, for_update=True)
    concurrency.check(preconditions, existing.etag if existing else None)
    if existing is not None:
        content = merge_documents(existing.content, existing.content_type, content, content_type)
        content_type = existing.content_type
    return _save(session, scope, document_id, existing, content, content_type, now)


def delete_document(session: Session, scope: Scope, document_id: str, preconditions: Preconditions) -> bool:
    """Delete one document; return whether it existed."""
    existing = get_document(session, scope, document_id, for_update=True)
    concurrency.check(preconditions, existing.etag if existing else None)
    if existing is None:
        return False
    session.delete(existing)
    session.flush()
    return True


def delete_documents(session: Session, scope: Scope) -> int:
    """Delete every document in ``scope`` (the State Resource's multiple-document DELETE)."""
    result: Any = session.execute(delete(scope.model).where(*_scope_filter(scope)))
    return int(result.rowcount or 0)


def delete_agent_documents(
    session: Session, agent_keys: Iterable[str] = (), *, account_names: Iterable[str] = ()
) -> int:
    """Delete every state and agent profile document of these agents (erasure); return how many.

    ``agent_keys`` are ``identity.agent_key`` values; ``account_names`` match an account on any home page.
    """
    keys, names = list(agent_keys), list(account_names)
    deleted = 0
    for model in (StateDocument, AgentProfileDocument):
        conditions = [model.agent.in_(keys)] if keys else []
        conditions += [model.agent.like(f"account:% {_escape_like(name)}", escape="\\") for name in names]
        if conditions:
            result: Any = session.execute(delete(model).where(or_(*conditions)))
            deleted += int(result.rowcount or 0)
    return deleted


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _save(
    session: Session,
    scope: Scope,
    document_id: str,
    existing: Document | None,
    content: bytes,
    content_type: str | None,
    now: datetime | None,
) -> Document:
    document = existing or scope.model(
        scope_hash=scope.hash,
        document_hash=scope.document_hash(document_id),
        document_id=document_id,
        **dict(scope.columns),
        **({"registration": scope.registration or ""} if scope.model is StateDocument else {}),
    )
    document.content = content
    document.content_type = content_type or "application/octet-stream"
    document.etag = concurrency.etag_of(content)
    document.updated_at = format_instant(now) if now else current_instant()
    if existing is not None:
        session.flush()
        return document
    try:
        with session.begin_nested():
            session.add(document)
    except IntegrityError:
        raise EditConflict(
            "The document was created by another request at the same time; fetch it and retry"
        ) from None
    return document


def _scope_filter(scope: Scope) -> list[Any]:
    model = scope.model
    conditions = [model.scope_hash == scope.hash]
    if scope.registration is not None and model is StateDocument:
        conditions.append(StateDocument.registration == scope.registration)
    return conditions


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
