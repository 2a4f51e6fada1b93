"""Storing mastery: fold new evidence into the running state, read states and their evidence back.

``record_evidence`` is what the record store's ingest hook calls with the evidence of the statements it
has just stored; it touches one state row per learner and competency in the batch and appends the evidence
rows, so the cost of an update never depends on how much history a learner has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, tuple_, update
from sqlalchemy.orm import Session

from assessments.evidence import EvidenceItem
from assessments.mastery import DEFAULT_HALF_LIFE_DAYS, Evidence, MasteryState, add_evidence, fold
from assessments.mastery_tables import EvidenceRow, MasteryRow

_CHUNK = 400


@dataclass(frozen=True, slots=True)
class StoredMastery:
    learner_key: str
    competency_id: str
    state: MasteryState
    previous_estimate: float | None


def record_evidence(
    session: Session, items: Sequence[EvidenceItem], *, half_life_days: float = DEFAULT_HALF_LIFE_DAYS
) -> int:
    """Fold evidence into the stored states; return how many pieces of evidence were recorded.

    Works in bulk: one query reads the touched states, one executemany updates them, one inserts the new
    states and one the evidence rows (the ORM unit of work costs more than the arithmetic here).
    """
    if not items:
        return 0
    found = _load_states(session, {(item.learner_key, item.competency_id) for item in items})
    states = {pair: state for pair, (_row_id, state, _previous) in found.items()}
    previous = {pair: estimate for pair, (_row_id, _state, estimate) in found.items()}
    evidence_rows = []
    for item in sorted(items, key=lambda i: i.at):
        pair = (item.learner_key, item.competency_id)
        state = states.get(pair) or MasteryState()
        previous[pair] = state.estimate
        state = add_evidence(state, Evidence(item.value, item.weight, item.at), half_life_days=half_life_days)
        states[pair] = state
        evidence_rows.append(
            {
                "learner_key": item.learner_key,
                "competency_id": item.competency_id,
                "statement_id": item.statement_id[:36],
                "verb": item.verb[:300],
                "activity": item.activity[:500],
                "value": item.value,
                "weight": item.weight,
                "at": item.at,
                "estimate_after": state.estimate,
            }
        )
    updates = [
        {"row_id": found[pair][0], **_columns(state, previous[pair])}
        for pair, state in states.items()
        if pair in found
    ]
    inserts = [
        {"learner_key": pair[0], "competency_id": pair[1], **_columns(state, previous[pair])}
        for pair, state in states.items()
        if pair not in found
    ]
    table = cast(Table, MasteryRow.__table__)
    connection = session.connection()
    if updates:
        values: dict[str, Any] = {name: bindparam(name) for name in _COLUMNS}
        connection.execute(update(table).where(table.c.id == bindparam("row_id")).values(values), updates)
    if inserts:
        connection.execute(insert(table), inserts)
    connection.execute(insert(cast(Table, EvidenceRow.__table__)), evidence_rows)
    return len(evidence_rows)


_COLUMNS = (
    "fast_sum",
    "fast_weight",
    "slow_sum",
    "slow_weight",
    "count",
    "as_of",
    "estimate",
    "previous_estimate",
)


def _columns(state: MasteryState, previous: float | None) -> dict[str, object]:
    return {
        "fast_sum": state.fast_sum,
        "fast_weight": state.fast_weight,
        "slow_sum": state.slow_sum,
        "slow_weight": state.slow_weight,
        "count": state.count,
        "as_of": state.as_of,
        "estimate": state.estimate,
        "previous_estimate": previous,
    }


def withdraw_evidence(
    session: Session,
    statement_id: str,
    pairs: Iterable[tuple[str, str]],
    *,
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
) -> int:
    """Remove a (voided) statement's evidence and rebuild the touched states; return rows removed.

    Voiding is rare, so the touched states are rebuilt from their remaining evidence rather than unfolded.
    """
    removed = 0
    table = EvidenceRow.__table__
    for learner_key, competency_id in set(pairs):
        where = (
            (table.c.learner_key == learner_key)
            & (table.c.competency_id == competency_id)
            & (table.c.statement_id == statement_id)
        )
        removed += session.execute(delete(table).where(where)).rowcount or 0
        rows = evidence_for(session, learner_key, competency_id)
        state = fold([Evidence(r.value, r.weight, _aware(r.at)) for r in rows], half_life_days=half_life_days)
        values = {**_columns(state, None), "previous_estimate": None}
        session.execute(
            update(MasteryRow.__table__)
            .where(MasteryRow.learner_key == learner_key, MasteryRow.competency_id == competency_id)
            .values(values)
        )
    return removed


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def states_for(session: Session, learner_keys: Iterable[str]) -> dict[str, dict[str, StoredMastery]]:
    """Return ``{learner key: {competency id: stored mastery}}`` for these learners."""
    found: dict[str, dict[str, StoredMastery]] = defaultdict(dict)
    keys = list(dict.fromkeys(learner_keys))
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        table = MasteryRow.__table__
        for row in session.connection().execute(select(table).where(table.c.learner_key.in_(chunk))):
            found[row.learner_key][row.competency_id] = StoredMastery(
                row.learner_key, row.competency_id, _state_of(row), row.previous_estimate
            )
    return dict(found)


def evidence_for(session: Session, learner_key: str, competency_id: str | None = None) -> list[EvidenceRow]:
    """Return the evidence behind a learner's estimates, oldest first."""
    query = select(EvidenceRow).where(EvidenceRow.learner_key == learner_key)
    if competency_id is not None:
        query = query.where(EvidenceRow.competency_id == competency_id)
    return list(session.scalars(query.order_by(EvidenceRow.at, EvidenceRow.id)))


def _load_states(
    session: Session, pairs: set[tuple[str, str]]
) -> dict[tuple[str, str], tuple[int, MasteryState, float | None]]:
    """Return (row id, state, previous estimate) of the stored states among ``pairs``."""
    wanted = sorted(pairs)
    table = MasteryRow.__table__
    key = tuple_(table.c.learner_key, table.c.competency_id)
    found = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        for row in session.connection().execute(select(table).where(key.in_(chunk))):
            found[(row.learner_key, row.competency_id)] = (row.id, _state_of(row), row.previous_estimate)
    return found


def _state_of(row: Any) -> MasteryState:
    as_of = row.as_of
    if as_of is not None and as_of.tzinfo is None:  # SQLite hands back naive datetimes
        as_of = as_of.replace(tzinfo=UTC)
    return MasteryState(
        fast_sum=row.fast_sum or 0.0,
        fast_weight=row.fast_weight or 0.0,
        slow_sum=row.slow_sum or 0.0,
        slow_weight=row.slow_weight or 0.0,
        count=row.count or 0,
        as_of=as_of,
    )
