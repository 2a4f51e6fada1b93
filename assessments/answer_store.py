"""Storing quiz answers as statements arrive, and reading one quiz version's answers back for analysis."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import cast

from sqlalchemy import Table, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from assessments.answer_tables import AnswerRow
from assessments.item_responses import StoredAnswer
from assessments.recorded_answers import RecordedAnswer
from assessments.store import Attempt

ANSWERS = cast(Table, AnswerRow.__table__)
ATTEMPTS = cast(Table, Attempt.__table__)
_CHUNK = 500


def record_answers(session: Session, answers: Sequence[RecordedAnswer]) -> int:
    """Add the answers (one executemany); return how many."""
    if answers:
        session.connection().execute(insert(ANSWERS), [asdict(answer) for answer in answers])
    return len(answers)


def withdraw_answers(session: Session, statement_ids: Iterable[str]) -> int:
    """Remove the answers of these statements (they were voided); return how many went."""
    ids, removed = sorted(set(statement_ids)), 0
    for start in range(0, len(ids), _CHUNK):
        query = delete(ANSWERS).where(ANSWERS.c.statement_id.in_(ids[start : start + _CHUNK]))
        removed += session.connection().execute(query).rowcount or 0
    return removed


def erase_answers(session: Session, actors: Sequence[str]) -> int:
    """Forget who gave these actors' answers and what they answered, as the record store forgets it."""
    if not actors:
        return 0
    query = update(ANSWERS).where(ANSWERS.c.actor.in_(actors)).values(actor=None, response=None)
    return session.connection().execute(query).rowcount or 0


def answers_to_version(
    session: Session, quiz_id: str, version: int, *, is_latest: bool
) -> list[StoredAnswer]:
    """The answers to a quiz version as ``item_responses.StoredAnswer`` rows (in no particular order:
    their first column is the order they were stored in).

    An answer belongs to a version when its registration is one of our attempts at that version; one the
    app never saw (a quiz in an exported package) counts for the latest version.
    """
    attempt = ATTEMPTS.alias("attempt")
    joined = ANSWERS.outerjoin(
        attempt, (attempt.c.registration == ANSWERS.c.registration) & (attempt.c.quiz_id == quiz_id)
    )
    of_version = attempt.c.quiz_version == version
    if is_latest:
        of_version = or_(of_version, attempt.c.id.is_(None))
    query = (
        select(
            ANSWERS.c.id,
            ANSWERS.c.registration,
            ANSWERS.c.question_id,
            ANSWERS.c.answered_us,
            ANSWERS.c.response,
            ANSWERS.c.seconds,
        )
        .select_from(joined)
        .where(ANSWERS.c.quiz_id == quiz_id, of_version)
    )
    result = session.connection().execute(query)
    try:
        # The driver's own tuples: making a Row of each answer cost as much as all the judging.
        return cast(list[StoredAnswer], result.cursor.fetchall())
    finally:
        result.close()
