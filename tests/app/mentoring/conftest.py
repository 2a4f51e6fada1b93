"""Fixtures of the mentoring tests: an enrolled and matched mentor-mentee pair, and quiz evidence."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from app.accounts.models import User
from app.database import get_db
from app.mentoring.relationships import enrol_mentee, enrol_mentor, match
from learning_record_store import record_statements
from learning_record_store.vocabulary import Extension, Verb
from tests.conftest import csrf_token_from

HOME = "http://localhost"


@contextmanager
def transaction(app: Flask) -> Iterator[Any]:
    """A session of its own, after ending the request session's transaction.

    pytest-flask keeps an app context pushed for the whole test, so the request-scoped session outlives
    each request and, on SQLite, a view that did not commit still holds its BEGIN IMMEDIATE lock.
    """
    get_db(app).session.remove()
    with get_db(app).transaction() as session:
        yield session


def assign_own_item(client: Any, mentee: Any, **own: str) -> Any:
    """Assign the mentor's own follow-up through the proposal form: ``title="…", kind="exposure", …``."""
    page = client.get(f"/mentoring/mentees/{mentee.id}/plan/propose").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(page)} | {f"own-{name}": value for name, value in own.items()}
    return client.post(f"/mentoring/mentees/{mentee.id}/plan", data=data)


def answer_statement(
    user: Any, competency: str, value: float, *, at: datetime | None = None, weight: float = 1.0
) -> dict[str, Any]:
    moment = at or datetime.now(UTC)
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "name": user.name, "account": {"homePage": HOME, "name": user.uid}},
        "verb": {"id": Verb.ANSWERED, "display": {"en-US": "answered"}},
        "object": {
            "objectType": "Activity",
            "id": f"{HOME}/xapi/activities/quizzes/q/questions/{uuid.uuid4().hex[:8]}",
        },
        "result": {"score": {"scaled": value}, "success": value >= 0.5},
        "context": {"extensions": {Extension.COMPETENCIES: [{"id": competency, "weight": weight}]}},
        "timestamp": moment.isoformat().replace("+00:00", "Z"),
    }


@pytest.fixture
def send_evidence(app: Flask) -> Callable[..., None]:
    """Record answer statements for a user: ``send_evidence(user, "empathy", [0.2, 0.3])``."""

    def send(user: Any, competency: str, values: Sequence[float], *, days_ago: float = 0.0) -> None:
        start = datetime.now(UTC) - timedelta(days=days_ago)
        statements = [
            answer_statement(user, competency, v, at=start + timedelta(seconds=i))
            for i, v in enumerate(values)
        ]
        with transaction(app) as session:
            record_statements(session, statements)

    return send


@pytest.fixture
def make_pair(app: Flask, create_user: Callable[..., Any]) -> Callable[..., tuple[Any, Any]]:
    """Create (or reuse) a mentor and a learner, enrol both and match them; return (mentor, mentee)."""

    def make(mentor: Any = None, mentee: Any = None, *, team: str = "Blue") -> tuple[Any, Any]:
        mentor = mentor or create_user("mentor", team="Mentors")
        mentee = mentee or create_user("learner", team=team)
        with transaction(app) as session:
            m, e = session.get(User, mentor.id), session.get(User, mentee.id)
            enrol_mentor(session, m, capacity=10, strengths=["objection-handling"])
            enrol_mentee(session, e)
            match(session, m, e)
        return mentor, mentee

    return make
