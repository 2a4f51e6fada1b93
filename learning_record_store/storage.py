"""Writing statements: bulk inserts of statements and their index rows, voiding, activity definitions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Row, Table, bindparam, delete, func, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from learning_record_store.clock import now
from learning_record_store.keys import agent_key
from learning_record_store.models import Activity, Attachment, Statement, StatementIndex
from learning_record_store.shaping import CONTEXT_ACTIVITY_KINDS, referenced_statement, voided_target

STATEMENTS = cast(Table, Statement.__table__)
STATEMENT_INDEX = cast(Table, StatementIndex.__table__)
ACTIVITIES = cast(Table, Activity.__table__)


# Any constant works; it only has to be the same in every process writing statements.
STATEMENT_WRITE_LOCK = 0x1A5_57A7


def lock_statement_writes(session: Session) -> None:
    """Serialize statement writers until the transaction ends (SQLite's BEGIN IMMEDIATE already does).

    Without it, concurrent PostgreSQL transactions take primary keys and `stored` instants in one order
    and commit in another: a `more` page could then skip a statement committed late with a lower key.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(STATEMENT_WRITE_LOCK)))


@dataclass(frozen=True, slots=True)
class WritePosition:
    """Where the next statements go: after the last primary key, at or after the last `stored` instant."""

    last_pk: int
    last_stored: str | None

    def next_stored_instant(self) -> str:
        """The clock, but never before the last `stored`: queries map time windows onto primary-key
        ranges, which needs `stored` to never decrease (even if the system clock steps back)."""
        current = now()
        return max(current, self.last_stored) if self.last_stored else current


# Statements of the write path, built once: building and keying a query costs more than SQLite running it.
# Two scalar subqueries, not one SELECT of both aggregates: SQLite answers a lone max() from an index
# end, but scans the whole table for two of them.
_WRITE_POSITION = select(
    select(func.max(STATEMENTS.c.pk)).scalar_subquery(),
    select(func.max(STATEMENTS.c.stored)).scalar_subquery(),
)
_IDS = bindparam("ids", expanding=True)
_STATE_COLUMNS = (
    STATEMENTS.c.statement_id,
    STATEMENTS.c.payload,
    STATEMENTS.c.is_voiding,
    STATEMENTS.c.object_statement_id,
)
# Two index lookups in one round trip (an OR of the two made PostgreSQL merge bitmaps of both indexes).
_STORED_STATE = union_all(
    select(*_STATE_COLUMNS).where(STATEMENTS.c.statement_id.in_(_IDS)),
    select(*_STATE_COLUMNS).where(
        STATEMENTS.c.is_voiding.is_(True), STATEMENTS.c.object_statement_id.in_(_IDS)
    ),
)
_FIND_STATEMENTS = select(STATEMENTS.c.statement_id, STATEMENTS.c.payload, STATEMENTS.c.is_voiding).where(
    STATEMENTS.c.statement_id.in_(_IDS)
)


def write_position(session: Session) -> WritePosition:
    """Return the last primary key and `stored` instant written. Call under ``lock_statement_writes``."""
    last_pk, last_stored = session.connection().execute(_WRITE_POSITION).one()
    return WritePosition(last_pk or 0, last_stored)


@dataclass(frozen=True, slots=True)
class StoredState:
    """What the store already holds about a batch of ids: those stored, and those a stored statement voids."""

    stored: dict[str, Row[Any]]  # rows of statement_id, payload, is_voiding
    voided: set[str]


def stored_state(session: Session, statement_ids: Iterable[str]) -> StoredState:
    """Return in one query which of these ids are stored and which a stored voiding statement targets."""
    ids = set(statement_ids)
    if not ids:
        return StoredState({}, set())
    rows = session.connection().execute(_STORED_STATE, {"ids": list(ids)}).all()
    return StoredState(
        {row.statement_id: row for row in rows if row.statement_id in ids},
        {row.object_statement_id for row in rows if row.is_voiding and row.object_statement_id in ids},
    )


def find_statements(session: Session, statement_ids: Iterable[str]) -> dict[str, Row[Any]]:
    """Return the stored statements with these ids, by id: rows of their payload and ``is_voiding``."""
    ids = list(set(statement_ids))
    if not ids:
        return {}
    return {row.statement_id: row for row in session.connection().execute(_FIND_STATEMENTS, {"ids": ids})}


def index_keys_of(session: Session, statement_ids: Iterable[str]) -> dict[str, set[str]]:
    """Return the index keys of stored statements, by statement id."""
    ids = list(statement_ids)
    if not ids:
        return {}
    query = (
        select(Statement.statement_id, StatementIndex.key)
        .join(StatementIndex, StatementIndex.statement_pk == Statement.pk)
        .where(Statement.statement_id.in_(ids))
    )
    keys: dict[str, set[str]] = {}
    for statement_id, key in session.execute(query):
        keys.setdefault(statement_id, set()).add(key)
    return keys


def _row(statement: Mapping[str, Any], *, is_voided: bool) -> dict[str, Any]:
    obj = statement["object"]
    registration = (statement.get("context") or {}).get("registration")
    return {
        "statement_id": statement["id"],
        "verb_id": statement["verb"]["id"],
        "actor_key": agent_key(statement["actor"]),
        "object_activity_id": obj["id"] if obj.get("objectType", "Activity") == "Activity" else None,
        "object_statement_id": referenced_statement(statement),
        "registration": registration.lower() if registration else None,
        "authority_key": agent_key(statement["authority"]),
        "stored": statement["stored"],
        "is_voided": is_voided,
        "is_voiding": voided_target(statement) is not None,
        # allow_nan=False: a non-finite number would be stored as "Infinity", which no reader can parse.
        "payload": json.dumps(statement, ensure_ascii=False, separators=(",", ":"), allow_nan=False),
    }


def insert_statements(
    session: Session,
    statements: Sequence[Mapping[str, Any]],
    keys: Sequence[set[str]],
    voided: set[str],
    *,
    after_pk: int,
) -> None:
    """Insert prepared statements and their index rows, each in bulk.

    ``after_pk`` is the last primary key written (``write_position``): under the write lock, the batch
    takes the keys that follow it, where the database does not hand out keys itself (see
    ``STATEMENT_INSERTS``).
    """
    if not statements:
        return
    rows = [_row(statement, is_voided=statement["id"] in voided) for statement in statements]
    connection = session.connection()
    dialect = connection.dialect.name
    pks = STATEMENT_INSERTS.get(dialect, _insert_with_keys)(connection, rows, after_pk)
    index_rows = [
        {"key": key, "statement_pk": pks[row["statement_id"]]}
        for row, statement_keys in zip(rows, keys, strict=True)
        if not row["is_voided"]  # voided statements are found by voidedStatementId only
        for key in statement_keys
    ]
    if index_rows:
        ROW_INSERTS.get(dialect, _insert_executemany)(connection, STATEMENT_INDEX, index_rows)


def _insert_sql(connection: Connection, table: Table, columns: Sequence[str], values: str) -> str:
    quote = connection.dialect.identifier_preparer.quote
    return f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) {values}"


def _insert_executemany(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` with one DBAPI executemany (SQLite runs it in C, row after row).

    On the ingest hot path SQLAlchemy's per-row parameter processing cost about as much as SQLite's own
    work; these are plain strings, integers and booleans that every driver takes as they are.
    """
    columns = list(rows[0])
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    sql = _insert_sql(connection, table, columns, f"VALUES ({', '.join([marker] * len(columns))})")
    connection.exec_driver_sql(sql, [tuple(row[column] for column in columns) for row in rows])


def _insert_with_keys(connection: Connection, rows: list[dict[str, Any]], after_pk: int) -> dict[str, int]:
    """Insert statement rows with the primary keys after ``after_pk``; return them by statement id.

    SQLite has no ordered RETURNING for an executemany; the write lock makes the next keys ours to take.
    """
    keyed = {row["statement_id"]: after_pk + number for number, row in enumerate(rows, start=1)}
    _insert_executemany(connection, STATEMENTS, [{"pk": keyed[row["statement_id"]], **row} for row in rows])
    return keyed


def _unnest_sql(connection: Connection, table: Table, columns: Sequence[str]) -> str:
    """``INSERT … SELECT FROM unnest(arrays)`` for PostgreSQL: one statement for the server to plan and
    run where an executemany sends one INSERT per row. The arrays go in binary (``%b``), which spares
    escaping every character of the JSON payloads."""
    types = [table.c[column].type.compile(dialect=connection.dialect) for column in columns]
    arrays = ", ".join(f"%b::{kind}[]" for kind in types)
    return _insert_sql(connection, table, columns, f"SELECT * FROM unnest({arrays})")


def _columns(rows: list[dict[str, Any]]) -> tuple[list[str], tuple[list[Any], ...]]:
    columns = list(rows[0])
    return columns, tuple([row[column] for row in rows] for column in columns)


def _insert_unnest(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    columns, arrays = _columns(rows)
    connection.exec_driver_sql(_unnest_sql(connection, table, columns), arrays)


def _insert_returning_keys(connection: Connection, rows: list[dict[str, Any]], _after: int) -> dict[str, int]:
    # The sequence hands out the keys (other writers, such as imports, may use it too).
    columns, arrays = _columns(rows)
    sql = _unnest_sql(connection, STATEMENTS, columns) + " RETURNING statement_id, pk"
    return dict(connection.exec_driver_sql(sql, arrays).all())


# How each database takes bulk rows best (the default: an executemany).
STATEMENT_INSERTS: dict[str, Callable[[Connection, list[dict[str, Any]], int], dict[str, int]]] = {
    "postgresql": _insert_returning_keys,
}
ROW_INSERTS: dict[str, Callable[[Connection, Table, list[dict[str, Any]]], None]] = {
    "postgresql": _insert_unnest,
}


def mark_voided(session: Session, statement_ids: Iterable[str]) -> None:
    """Mark stored statements voided and drop their index rows: no filtered query returns them again."""
    ids = list(statement_ids)
    if ids:
        session.execute(update(Statement).where(Statement.statement_id.in_(ids)).values(is_voided=True))
        voided_pks = select(Statement.pk).where(Statement.statement_id.in_(ids))
        session.execute(delete(StatementIndex).where(StatementIndex.statement_pk.in_(voided_pks)))


def _dialect_insert(session: Session) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def store_attachments(session: Session, contents: Mapping[str, tuple[str, bytes]]) -> None:
    """Store attachment contents by SHA-2 hash (content already stored under a hash is kept)."""
    if contents:
        rows = [
            {"sha2": sha2, "content_type": kind, "content": data} for sha2, (kind, data) in contents.items()
        ]
        session.execute(_dialect_insert(session)(Attachment).on_conflict_do_nothing(), rows)


def attachment_contents(session: Session, hashes: Iterable[str]) -> dict[str, Attachment]:
    wanted = list(set(hashes))
    if not wanted:
        return {}
    return {row.sha2: row for row in session.scalars(select(Attachment).where(Attachment.sha2.in_(wanted)))}


# --- activity definitions --------------------------------------------------------------------------


def _activities(statement: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    obj = statement["object"]
    kind = obj.get("objectType", "Activity")
    if kind == "Activity":
        yield obj
    elif kind == "SubStatement":
        yield from _activities(obj)
    context_activities = (statement.get("context") or {}).get("contextActivities") or {}
    for name in CONTEXT_ACTIVITY_KINDS:
        value = context_activities.get(name, [])
        yield from value if type(value) is list else [value]


def merge_definition(current: Mapping[str, Any], incoming: Mapping[str, Any]) -> dict[str, Any]:
    """Merge a newly seen definition into the known one: language maps gain entries, the rest is replaced."""
    merged = dict(current)
    for name, value in incoming.items():
        if name in ("name", "description") and isinstance(merged.get(name), dict):
            merged[name] = {**merged[name], **value}
        else:
            merged[name] = value
    return merged


_KNOWN_DEFINITIONS = select(ACTIVITIES.c.activity_id, ACTIVITIES.c.definition).where(
    ACTIVITIES.c.activity_id.in_(bindparam("ids", expanding=True))
)
_NEW_ACTIVITY = {
    "postgresql": postgresql.insert(ACTIVITIES).on_conflict_do_nothing(),
    "sqlite": sqlite.insert(ACTIVITIES).on_conflict_do_nothing(),
}
_CHANGED_ACTIVITY = (
    update(ACTIVITIES)
    .where(ACTIVITIES.c.activity_id == bindparam("key"))
    .values(definition=bindparam("definition"), updated=bindparam("updated"))
)


def upsert_activity_definitions(
    session: Session, statements: Iterable[Mapping[str, Any]], *, may_define: bool = True
) -> None:
    """Record every activity the statements use, merging the definitions they carry.

    Without ``may_define`` (a client lacking the `define` scope) only the ids are recorded.
    """
    incoming: dict[str, Mapping[str, Any]] = {}
    for statement in statements:
        for activity in _activities(statement):
            definition = (activity.get("definition") or {}) if may_define else {}
            known = incoming.get(activity["id"])
            if known is None:
                incoming[activity["id"]] = definition  # shared, never mutated: merging makes new dicts
            elif definition and definition != known:  # a batch repeats the same definitions over and over
                incoming[activity["id"]] = merge_definition(known, definition)
    if not incoming:
        return
    connection = session.connection()
    existing = dict(connection.execute(_KNOWN_DEFINITIONS, {"ids": list(incoming)}).all())
    stamp = now()
    new_rows, changed = [], []
    for activity_id, definition in incoming.items():
        encoded = json.dumps(definition, sort_keys=True)
        current = existing.get(activity_id)
        if current is None:
            new_rows.append({"activity_id": activity_id, "definition": encoded, "updated": stamp})
        elif current != encoded:  # the common case, an unchanged definition, costs one dumps
            merged = json.dumps(merge_definition(json.loads(current), definition), sort_keys=True)
            if merged != current:
                changed.append({"key": activity_id, "definition": merged, "updated": stamp})
    if new_rows:
        connection.execute(_NEW_ACTIVITY[connection.dialect.name], new_rows)
    if changed:
        connection.execute(_CHANGED_ACTIVITY, changed)
