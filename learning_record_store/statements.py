"""Recording statements: validate, assign LRS properties, check ids and voiding, store in bulk.

The caller owns the transaction: nothing here commits, so an application can record statements together
with the rows that caused them (a transactional outbox).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from learning_record_store import storage
from learning_record_store.errors import Conflict
from learning_record_store.hooks import notify_stored
from learning_record_store.shaping import (
    index_keys,
    is_same_statement,
    prepare,
    referenced_statement,
    stamp,
    voided_target,
)
from learning_record_store.validation import validate_statements

# Used when an in-process caller records statements without naming an authority.
DEFAULT_AUTHORITY: dict[str, Any] = {
    "objectType": "Agent",
    "name": "elearn",
    "account": {"homePage": "http://localhost/", "name": "elearn"},
}


def record_statements(
    session: Session,
    statements: Sequence[Mapping[str, Any]],
    *,
    authority: Mapping[str, Any] | None = None,
    attachments: Mapping[str, tuple[str, bytes]] | None = None,
) -> list[str]:
    """Validate and store statements (flushing, not committing); return their ids in order.

    A statement whose id is already stored is skipped when it is the same statement and refused with
    ``Conflict`` when it differs. ``attachments`` maps SHA-2 hashes to (content type, content).
    """
    validate_statements(statements)
    return store_validated_statements(session, statements, authority=authority, attachments=attachments)


def store_validated_statements(
    session: Session,
    statements: Sequence[Mapping[str, Any]],
    *,
    authority: Mapping[str, Any] | None = None,
    attachments: Mapping[str, tuple[str, bytes]] | None = None,
    may_define: bool = True,
) -> list[str]:
    """Store statements that ``validate_statements`` accepted (the HTTP layer validates before it locks)."""
    prepared = [
        prepare(statement, authority=authority or (None if "authority" in statement else DEFAULT_AUTHORITY))
        for statement in statements
    ]
    storage.lock_statement_writes(session)
    state = storage.stored_state(session, (statement["id"] for statement in prepared))
    fresh = _skip_already_stored(state, prepared, statements)
    # Stamped under the write lock, so `stored` follows the order in which batches are written (and the
    # primary key), which `since`/`until` and `more` paging rely on.
    position = storage.write_position(session)
    stamp(fresh, position.next_stored_instant())
    targets = _voidable_targets(session, fresh)
    _store(session, fresh, state.voided, targets, after_pk=position.last_pk, may_define=may_define)
    storage.store_attachments(session, attachments or {})
    if fresh:  # observers (the app's mastery updater) see each statement once, in this transaction
        notify_stored(session, fresh)
    return [statement["id"] for statement in prepared]


def _skip_already_stored(
    state: storage.StoredState, prepared: list[dict[str, Any]], originals: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    existing = state.stored
    fresh = []
    for statement, original in zip(prepared, originals, strict=True):
        row = existing.get(statement["id"])
        if row is None:
            fresh.append(statement)
        elif not is_same_statement(json.loads(row.payload), original):
            raise Conflict(f"statement {statement['id']} is already stored with different content")
    return fresh


def _voidable_targets(session: Session, fresh: list[dict[str, Any]]) -> set[str]:
    """Return the ids the voiding statements among ``fresh`` really void.

    A voiding statement that targets another voiding statement is stored but voids nothing: a voided
    statement is, by definition, one that is not itself a voiding statement (xAPI Data 2.3.2).
    """
    targets = {target for statement in fresh if (target := voided_target(statement))}
    if not targets:
        return set()
    batch = {statement["id"]: statement for statement in fresh}
    stored_targets = storage.find_statements(session, targets)
    return {
        target
        for target in targets
        if not (
            stored_targets[target].is_voiding
            if target in stored_targets
            else (target in batch and voided_target(batch[target]) is not None)
        )
    }


def _store(
    session: Session,
    fresh: list[dict[str, Any]],
    voided_before: set[str],
    targets: set[str],
    *,
    after_pk: int,
    may_define: bool,
) -> None:
    """Store fresh statements: ``voided_before`` are ids that stored statements void, ``targets`` those
    that the fresh ones void."""
    if not fresh:
        return
    ids = [statement["id"] for statement in fresh]
    voidable = {statement["id"] for statement in fresh if voided_target(statement) is None}
    voided = (voided_before | targets) & voidable
    keys = [index_keys(statement) for statement in fresh]
    _inherit_referenced_keys(session, fresh, keys)  # before voiding drops the targets' index rows
    storage.mark_voided(session, targets - set(ids))
    storage.insert_statements(session, fresh, keys, voided, after_pk=after_pk)
    storage.upsert_activity_definitions(session, fresh, may_define=may_define)


def _inherit_referenced_keys(session: Session, fresh: list[dict[str, Any]], keys: list[set[str]]) -> None:
    """A statement targeting another (StatementRef) meets the filters its target meets."""
    references = {
        index: ref for index, statement in enumerate(fresh) if (ref := referenced_statement(statement))
    }
    if not references:
        return
    batch_keys = {statement["id"]: keys[index] for index, statement in enumerate(fresh)}
    stored_keys = storage.index_keys_of(session, set(references.values()) - set(batch_keys))
    for index, ref in references.items():
        keys[index] = keys[index] | batch_keys.get(ref, set()) | stored_keys.get(ref, set())
