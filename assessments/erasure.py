"""Erasing a learner's answers: scores stay for aggregate reporting, what they wrote or chose goes.

Attempt rows keep their scores, pass marks and times, and each response keeps its score and
correctness, so team and item reports still add up; the response itself (essay text, fill-in text,
chosen options) becomes ``None`` in attempts and knowledge-check answers alike. An essay still awaiting
review has nothing left to review, so it leaves the reviewers' queue with the score it had (0). Module
progress holds no free text and is kept.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assessments.check_answers import CheckAnswer
from assessments.store import Attempt, Response

ERASED_VALUE = {"response": None}


def erase_learner_answers(session: Session, learner_id: str) -> dict[str, int]:
    """Blank every response and check answer of ``learner_id``; keep scores; return the counts."""
    session.flush()  # the bulk updates below also refresh rows this session has loaded
    attempt_ids = select(Attempt.id).where(Attempt.learner_id == learner_id)
    responses = _count(
        session.execute(
            update(Response)
            .where(Response.attempt_id.in_(attempt_ids))
            .values(value=ERASED_VALUE, awaiting_review=False)
        )
    )
    attempts = _count(
        session.execute(update(Attempt).where(Attempt.learner_id == learner_id).values(awaiting_review=False))
    )
    checks = _count(
        session.execute(
            update(CheckAnswer).where(CheckAnswer.learner_id == learner_id).values(value=ERASED_VALUE)
        )
    )
    session.flush()
    return {"attempts": attempts, "responses": responses, "check_answers": checks}


def _count(result: Any) -> int:
    """Return the rows an UPDATE matched (``Result`` is not typed with ``rowcount``)."""
    return int(result.rowcount or 0)
