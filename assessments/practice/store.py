"""Storing practice: cards, drills and answers. Functions take a session and flush (or leave their change
to the next flush), never commit."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, joinedload

from assessments.practice.scheduler import CardState
from assessments.practice.tables import AnswerRow, CardRow, DrillRow

ERASED = None


def due_dates(session: Session, learner_id: str) -> dict[str, datetime]:
    """Return when each of the learner's cards is due, by item key (one query, two columns)."""
    rows = session.execute(select(CardRow.item_key, CardRow.due).where(CardRow.learner_id == learner_id))
    return {key: due for key, due in rows}


def reschedule(
    session: Session, learner_id: str, key: str, step: Callable[[CardState | None], CardState]
) -> CardState:
    """Replace the learner's card for ``key`` by ``step`` of it (of None before a first answer); return it.

    The row is written by the next flush, with the answer that rescheduled it (``add_answer``).
    """
    row = _card_row(session, learner_id, key)
    card = step(_state(row) if row else None)
    row = row or CardRow(learner_id=learner_id, item_key=key)
    row.state, row.step, row.stability, row.difficulty = (
        card.state,
        card.step,
        card.stability,
        card.difficulty,
    )
    row.due, row.last_review, row.reviews, row.lapses = card.due, card.last_review, card.reviews, card.lapses
    session.add(row)
    return card


def _card_row(session: Session, learner_id: str, key: str) -> CardRow | None:
    query = select(CardRow).where(CardRow.learner_id == learner_id, CardRow.item_key == key)
    return session.scalars(query).first()


def _state(row: CardRow) -> CardState:
    return CardState(
        row.state, row.step, row.stability, row.difficulty, row.due, row.last_review, row.reviews, row.lapses
    )


def open_drill(session: Session, learner_id: str) -> DrillRow | None:
    """The learner's unfinished, unclosed drill, if any (the newest)."""
    query = (
        select(DrillRow)
        .where(
            DrillRow.learner_id == learner_id, DrillRow.finished_at.is_(None), DrillRow.closed_at.is_(None)
        )
        .order_by(DrillRow.id.desc())
        .limit(1)
        .options(_WITH_ANSWERS)
    )
    return session.scalars(query).unique().first()


def get_drill(session: Session, drill_id: int) -> DrillRow | None:
    return session.get(DrillRow, drill_id, options=[_WITH_ANSWERS])


# A drill is always read with its answers (its position is how many there are): one query, not two.
_WITH_ANSWERS = joinedload(DrillRow.answers)


def create_drill(session: Session, learner_id: str, items: list[dict[str, Any]], now: datetime) -> DrillRow:
    drill = DrillRow(
        registration=str(uuid.uuid4()), learner_id=learner_id, items=items, started_at=now, shown_at=now
    )
    session.add(drill)
    session.flush()
    return drill


def add_answer(session: Session, drill: DrillRow, answer: AnswerRow) -> None:
    drill.answers.append(answer)
    session.flush()


def finished_days(session: Session, learner_id: str) -> list[date]:
    """The UTC days of the learner's finished drills."""
    query = select(DrillRow.finished_at).where(
        DrillRow.learner_id == learner_id, DrillRow.finished_at.is_not(None)
    )
    return [moment.date() for moment in session.scalars(query) if moment is not None]


def finished_counts(
    session: Session, learner_ids: Sequence[str], since: datetime | None = None
) -> dict[str, int]:
    """Finished drills per learner (since a moment, or all time), in one query."""
    if not learner_ids:
        return {}
    query = select(DrillRow.learner_id, func.count()).where(
        DrillRow.learner_id.in_(list(learner_ids)), DrillRow.finished_at.is_not(None)
    )
    if since is not None:
        query = query.where(DrillRow.finished_at >= since)
    return {
        learner_id: int(count) for learner_id, count in session.execute(query.group_by(DrillRow.learner_id))
    }


def practised_competencies(
    session: Session, learner_ids: Sequence[str], since: datetime
) -> dict[str, dict[str, int]]:
    """Answers per competency per learner since a moment: ``{learner: {competency: answers}}``."""
    if not learner_ids:
        return {}
    query = (
        select(DrillRow.learner_id, AnswerRow.competencies)
        .join(AnswerRow, AnswerRow.drill_id == DrillRow.id)
        .where(DrillRow.learner_id.in_(list(learner_ids)), AnswerRow.answered_at >= since)
    )
    found: dict[str, dict[str, int]] = {}
    for learner_id, competencies in session.execute(query):
        counts = found.setdefault(learner_id, {})
        for competency in competencies or ():
            counts[competency] = counts.get(competency, 0) + 1
    return found


def drills_on(session: Session, learner_id: str, competency_id: str, since: datetime) -> int:
    """Finished drills since a moment with at least one question on the competency."""
    query = (
        select(DrillRow.id, AnswerRow.competencies)
        .join(AnswerRow, AnswerRow.drill_id == DrillRow.id)
        .where(DrillRow.learner_id == learner_id, DrillRow.finished_at >= since)
    )
    return len({drill_id for drill_id, tags in session.execute(query) if competency_id in (tags or ())})


def erase_learner_practice(session: Session, learner_ids: Iterable[str]) -> int:
    """Blank the responses of the learners' drill answers (scores and schedule stay); return rows changed."""
    drills = select(DrillRow.id).where(DrillRow.learner_id.in_(list(learner_ids)))
    result = session.execute(update(AnswerRow).where(AnswerRow.drill_id.in_(drills)).values(response=ERASED))
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)
