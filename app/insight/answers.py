"""Keeping quiz answers for item analysis as the record store stores statements (its ON_STORED hook).

Every statement goes through the hook, whichever way it came: the app's own recording or the record
store's HTTP API (exported cmi5/xAPI packages). An answer that is already voided when it arrives
is not kept; a voiding statement takes its target's answer away. Statements stored before this table
existed were copied by its migration (``answers_0001``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.accounts.models import User
from assessments.answer_store import erase_answers, record_answers, withdraw_answers
from assessments.recorded_answers import actors_of_person, answer_of
from learning_record_store import voided_among

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def on_stored(session: Session, statements: list[dict[str, Any]]) -> None:
    """Keep the quiz answers among freshly stored statements; drop those the voiding ones void."""
    answers = [answer for answer in map(answer_of, statements) if answer is not None]
    if answers:
        voided = voided_among(session, [answer.statement_id for answer in answers])
        record_answers(session, [answer for answer in answers if answer.statement_id not in voided])
    targets = [target for statement in statements if (target := _voided_target(statement))]
    if targets:
        withdraw_answers(session, targets)


def _voided_target(statement: Mapping[str, Any]) -> str | None:
    target = statement.get("object") or {}
    if (statement.get("verb") or {}).get("id") != VOIDED or target.get("objectType") != "StatementRef":
        return None
    return str(target.get("id", "")).lower() or None


def erase_person_answers(session: Session, user: User) -> dict[str, Any]:
    """Eraser: forget who gave the person's answers and what they answered (as in their statements)."""
    return {"answers": erase_answers(session, actors_of_person(user.uid, user.email))}
