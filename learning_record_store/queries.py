"""Reading statements: single statements by id, and filtered, keyset-paged listings.

Every filter (verb, agent, activity, registration and their related_* forms) is a lookup of a key in
``lrs_statement_index``; the first one drives the query in primary-key (= stored) order, the others are
``EXISTS`` probes, so a page costs an index range scan whatever the table size.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Select, exists, func, select, union
from sqlalchemy.orm import Session

from learning_record_store.keys import agent_ifi, index_key
from learning_record_store.models import Statement, StatementIndex

MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class StatementQuery:
    """The filters of GET /statements, already validated."""

    agent: Mapping[str, Any] | None = None
    verb: str | None = None
    activity: str | None = None
    registration: str | None = None
    related_activities: bool = False
    related_agents: bool = False
    since: str | None = None  # store-format instants (see clock.format_instant)
    until: str | None = None
    limit: int = 0
    ascending: bool = False
    authority_key: str | None = None  # statements/read/mine
    after_pk: int | None = None  # the keyset cursor of `more`
    extra: dict[str, Any] = field(default_factory=dict)

    def key_filters(self) -> list[list[str]]:
        """Return, per filter, the index keys any of which satisfies it."""
        filters: list[list[str]] = []
        if self.registration:
            filters.append([index_key("registration", self.registration.lower())])
        if self.agent is not None:
            ifi = agent_ifi(self.agent) or ""
            kinds = ("agent", "agent+") if self.related_agents else ("agent",)
            filters.append([index_key(kind, ifi) for kind in kinds])
        if self.activity:
            kinds = ("activity", "activity+") if self.related_activities else ("activity",)
            filters.append([index_key(kind, self.activity) for kind in kinds])
        if self.verb:
            filters.append([index_key("verb", self.verb)])
        return filters


@dataclass(frozen=True, slots=True)
class StatementPage:
    """One page of results: the stored JSON texts, and the cursor of the next page if there is one."""

    payloads: list[str]
    stored: list[str]
    next_pk: int | None


def effective_limit(limit: int) -> int:
    return MAX_LIMIT if limit <= 0 else min(limit, MAX_LIMIT)


def _last_pk_stored_by(instant: str) -> Any:
    """The key of the last statement stored at or before ``instant`` (0 when there is none).

    Statements are stamped under the write lock (see ``storage.lock_statement_writes``), so `stored`
    grows with the primary key and a time window is a key range: one index seek per bound instead of
    sorting every statement stored in the window.
    """
    table = Statement.__table__
    last = (
        select(table.c.pk)
        .where(table.c.stored <= instant)
        .order_by(table.c.stored.desc(), table.c.pk.desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(last, 0)


def _select_pks(query: StatementQuery, limit: int) -> Select[Any]:
    """Select the primary keys of one page (``limit`` of them): index-only where the filters allow it.

    A filter met by any of several keys (``related_activities``, ``related_agents``) reads each key's
    index range in key order, ``limit`` rows each, and merges them: one ``key IN (…)`` range would have
    to gather and sort every statement that mentions a busy activity to find the newest few.
    """
    filters = query.key_filters()
    if not filters or len(filters[0]) == 1:
        return _page_order(_filtered(query, filters), query).limit(limit)
    branches = [
        _page_order(_filtered(query, [[key], *filters[1:]]), query).limit(limit).subquery()
        for key in filters[0]
    ]
    merged = union(*(select(branch.c.pk) for branch in branches)).subquery()
    return _page_order(select(merged.c.pk), query, merged.c.pk).limit(limit)


def _page_order(stmt: Select[Any], query: StatementQuery, key: Any = None) -> Select[Any]:
    key = stmt.selected_columns.pk if key is None else key
    return stmt.order_by(key.asc() if query.ascending else key.desc())


def _filtered(query: StatementQuery, filters: list[list[str]]) -> Select[Any]:
    """Select the keys (as ``pk``) of the statements meeting ``filters`` and the query's other conditions."""
    table, index = Statement.__table__, StatementIndex.__table__
    needs_table = bool(query.authority_key)
    if filters:
        # Voided statements have no index rows (see storage.mark_voided), so no is_voided test here.
        first = index.alias("first_filter")
        order = first.c.statement_pk
        stmt = select(order.label("pk")).where(first.c.key.in_(filters[0]))
        if len(filters[0]) > 1:
            stmt = stmt.distinct()
        for keys in filters[1:]:
            probe = index.alias()
            stmt = stmt.where(exists().where(probe.c.statement_pk == order, probe.c.key.in_(keys)))
        if needs_table:
            stmt = stmt.join(table, table.c.pk == order)
    else:
        order = table.c.pk
        stmt = select(order.label("pk")).where(table.c.is_voided.is_(False))
    if query.since:
        stmt = stmt.where(order > _last_pk_stored_by(query.since))
    if query.until:
        stmt = stmt.where(order <= _last_pk_stored_by(query.until))
    if query.authority_key:
        stmt = stmt.where(table.c.authority_key == query.authority_key)
    if query.after_pk is not None:
        stmt = stmt.where(order > query.after_pk if query.ascending else order < query.after_pk)
    return stmt


def find_page(session: Session, query: StatementQuery) -> StatementPage:
    """Return one page of the statements ``query`` selects (voided statements left out).

    Two steps: the page's keys (a narrow, mostly index-only query that may sort), then its rows by key,
    so that no sort ever carries the statements' JSON.
    """
    limit = effective_limit(query.limit)
    pks = list(session.scalars(_select_pks(query, limit + 1)))
    has_more = len(pks) > limit
    pks = pks[:limit]
    table = Statement.__table__
    rows = (
        {
            row.pk: row
            for row in session.execute(
                select(table.c.pk, table.c.payload, table.c.stored).where(table.c.pk.in_(pks))
            )
        }
        if pks
        else {}
    )
    ordered = [rows[pk] for pk in pks]
    return StatementPage(
        payloads=[row.payload for row in ordered],
        stored=[row.stored for row in ordered],
        next_pk=pks[-1] if has_more else None,
    )


def next_query(query: StatementQuery, page: StatementPage) -> StatementQuery | None:
    return None if page.next_pk is None else replace(query, after_pk=page.next_pk)


def find_statement(session: Session, statement_id: str, *, voided: bool) -> Statement | None:
    """Return a statement by id: a voided one only when ``voided`` is true, others only when it is false."""
    row = session.scalar(select(Statement).where(Statement.statement_id == statement_id.lower()))
    if row is None or row.is_voided != voided:
        return None
    return row


def voided_among(session: Session, statement_ids: Iterable[str]) -> set[str]:
    """Return which of these stored statements are voided (one stored before the voiding statement was,
    or one stored after it: a voided statement may arrive after the statement voiding it)."""
    ids = list(set(statement_ids))
    if not ids:
        return set()
    table = Statement.__table__
    query = select(table.c.statement_id).where(table.c.statement_id.in_(ids), table.c.is_voided.is_(True))
    return set(session.scalars(query))
