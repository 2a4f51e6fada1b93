"""answers: one row per answer to a quiz question, filled from the statements already stored

The rows are what ``assessments.recorded_answers.answer_of`` reads out of an ``answered`` statement. The
backfill keeps its own copy of that reading, as it was when this table was made: a migration must do
the same thing whatever the code becomes (tests/assessments/test_answer_store.py checks the two agree).

Revision ID: answers_0001
Revises:
Create Date: 2026-12-14
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "answers_0001"
down_revision = None
branch_labels = ("answers",)
depends_on = "lrs_statements_0001"

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
PRACTICE = "https://elearn.example/xapi/extensions/practice"
PRACTICE_CATEGORY = "https://elearn.example/xapi/activities/practice"
MAX_ID = 100
_DURATION = re.compile(r"^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$")
BATCH = 5000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)

ANSWERS = sa.table(
    "assessment_answer",
    sa.column("statement_id", sa.String),
    sa.column("actor", sa.Text),
    sa.column("registration", sa.String),
    sa.column("quiz_id", sa.String),
    sa.column("question_id", sa.String),
    sa.column("answered_us", sa.BigInteger),
    sa.column("response", sa.Text),
    sa.column("seconds", sa.Float),
)
STATEMENTS = sa.table(
    "lrs_statement",
    sa.column("pk", sa.BigInteger),
    sa.column("verb_id", sa.Text),
    sa.column("is_voided", sa.Boolean),
    sa.column("payload", sa.Text),
)


def upgrade() -> None:
    op.create_table(
        "assessment_answer",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("statement_id", sa.String(36), nullable=False),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("registration", sa.String(36), nullable=False),
        sa.Column("quiz_id", sa.String(100), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("answered_us", sa.BigInteger(), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("seconds", sa.Float(), nullable=True),
        sa.UniqueConstraint("statement_id", name="uq_assessment_answer_statement_id"),
    )
    op.create_index("ix_assessment_answer_quiz", "assessment_answer", ["quiz_id", "id"])
    _backfill(op.get_bind())


def downgrade() -> None:
    op.drop_table("assessment_answer")


def _backfill(connection: sa.Connection) -> None:
    """Copy the answers of the stored, not voided ``answered`` statements, in the order they were stored."""
    after = 0
    while True:
        query = (
            sa.select(STATEMENTS.c.pk, STATEMENTS.c.payload)
            .where(
                STATEMENTS.c.pk > after,
                STATEMENTS.c.verb_id == ANSWERED,
                STATEMENTS.c.is_voided.is_(False),
            )
            .order_by(STATEMENTS.c.pk)
            .limit(BATCH)
        )
        rows = connection.execute(query).all()
        if not rows:
            return
        answers = [answer for answer in (_answer_of(json.loads(row.payload)) for row in rows) if answer]
        if answers:
            connection.execute(sa.insert(ANSWERS), answers)
        after = rows[-1].pk


def _answer_of(statement: dict[str, Any]) -> dict[str, Any] | None:
    if (statement.get("verb") or {}).get("id") != ANSWERED:
        return None
    target = statement.get("object") or {}
    is_activity = target.get("objectType", "Activity") == "Activity"
    ids = _question_of(str(target.get("id", ""))) if is_activity else None
    context, result = statement.get("context") or {}, statement.get("result") or {}
    registration = context.get("registration")
    answered_us = _microseconds_of(statement.get("timestamp"))
    if ids is None or not registration or answered_us is None or _is_practice(context):
        return None
    response, duration = result.get("response"), result.get("duration")
    return {
        "statement_id": str(statement.get("id", "")),
        "actor": _actor_of(statement.get("actor") or {}),
        "registration": str(registration).lower(),
        "quiz_id": ids[0],
        "question_id": ids[1],
        "answered_us": answered_us,
        "response": None if response is None else str(response),
        "seconds": _seconds_of(duration) if isinstance(duration, str) else None,
    }


def _question_of(activity_id: str) -> tuple[str, str] | None:
    head, _, question_id = activity_id.rpartition("/questions/")
    _, found, quiz_id = head.rpartition("/quizzes/")
    if not (found and quiz_id and question_id) or "/" in quiz_id:
        return None
    if len(quiz_id) > MAX_ID or len(question_id) > MAX_ID:
        return None
    return quiz_id, question_id


def _is_practice(context: dict[str, Any]) -> bool:
    if (context.get("extensions") or {}).get(PRACTICE):
        return True
    categories = (context.get("contextActivities") or {}).get("category") or []
    return any(isinstance(c, dict) and c.get("id") == PRACTICE_CATEGORY for c in categories)


def _actor_of(agent: dict[str, Any]) -> str | None:
    account = agent.get("account")
    if isinstance(account, dict) and account.get("name"):
        return f"account:{account['name']}"
    for field in ("mbox", "mbox_sha1sum", "openid"):
        if agent.get(field):
            return f"{field}:{str(agent[field]).lower()}"
    return None


def _seconds_of(duration: str) -> float | None:
    found = _DURATION.match(duration)
    if not found:
        return None
    hours, minutes, seconds = (float(part or 0) for part in found.groups())
    return hours * 3600 + minutes * 60 + seconds


def _microseconds_of(timestamp: Any) -> int | None:
    try:
        moment = datetime.fromisoformat(str(timestamp).replace("Z", "+00:00"))
    except ValueError:
        return None
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return (aware - EPOCH) // MICROSECOND
