"""Item analysis in the app: answers taken in the app and answers sent by an exported package both count."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.accounts.models import User
from app.database import get_db
from app.erasure import erase_person
from assessments.answer_tables import AnswerRow
from assessments.store import Attempt, Response
from learning_record_store import record_statements
from tests.app.populated import _Client, populate
from tests.conftest import TEST_PASSWORD, csrf_token_from
from tests.learning_record_store.statement_fixtures import lrs_headers, make_client

__all__ = ["lrs_headers", "make_client"]

QUIZ = "call-closing-quiz"
QUESTION_IRI = "http://localhost/xapi/activities/quizzes/call-closing-quiz/questions/{}"
# A package exported with another activity base (the LMS's address) names the same questions under it.
PACKAGE_IRI = "https://lms.example/elearn/xapi/activities/quizzes/call-closing-quiz/questions/{}"
AUTHORITY = {"objectType": "Agent", "account": {"homePage": "http://localhost/", "name": "package"}}


def _sign_in(app: Flask, email: str) -> Any:
    """A client whose every request has its own app context and database session, as in production."""
    client = _Client(app, app.response_class, use_cookies=True)
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": email, "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return client


def _rows(client: Any) -> dict[str, dict[str, str]]:
    response = client.get(f"/insight/quizzes/{QUIZ}/v1.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return {row["question"]: row for row in csv.DictReader(io.StringIO(response.get_data(as_text=True)))}


def _package_answer(question_id: str, response: str, registration: str) -> dict[str, Any]:
    """An ``answered`` statement as an exported cmi5 package sends it (a learner the app never saw)."""
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "mbox": "mailto:agent@lms.example"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": PACKAGE_IRI.format(question_id), "objectType": "Activity"},
        "result": {"response": response, "duration": "PT42S"},
        "context": {"registration": registration},
        "timestamp": "2026-11-30T10:00:00Z",
    }


@pytest.fixture
def populated(app: Flask) -> Any:
    return populate(app)


def test_the_figures_come_from_the_app_attempts_and_agree_with_their_grading(app, populated):
    client = _sign_in(app, populated.email["admin"])
    rows = _rows(client)
    with get_db(app).transaction() as session:
        attempts = list(session.scalars(select(Attempt).where(Attempt.quiz_id == QUIZ)))
        graded = list(
            session.scalars(select(Response).where(Response.attempt_id.in_([a.id for a in attempts])))
        )
    assert len(attempts) == 2
    for question_id in {r.question_id for r in graded if r.is_correct is not None}:
        mine = [r for r in graded if r.question_id == question_id]
        right = sum(1 for r in mine if r.is_correct)
        assert rows[question_id]["attempts"] == str(len(mine))
        assert float(rows[question_id]["facility"]) == pytest.approx(right / len(mine), abs=1e-3)


def test_answers_from_an_exported_package_count_too(app, populated):
    client = _sign_in(app, populated.email["admin"])
    before = _rows(client)["hold-not-mute"]
    registration = str(uuid.uuid4())
    with get_db(app).transaction() as session:
        record_statements(session, [_package_answer("hold-not-mute", "a", registration)], authority=AUTHORITY)
    after = _rows(client)["hold-not-mute"]
    assert int(after["attempts"]) == int(before["attempts"]) + 1
    picked = dict(part.split("=") for part in after["choices"].split())
    was = dict(part.split("=") for part in before["choices"].split())
    assert int(picked["a"]) == int(was["a"]) + 1
    assert float(after["median seconds"]) >= 0


def test_the_page_shows_questions_flags_and_the_distribution(app, populated):
    client = _sign_in(app, populated.email["admin"])
    page = client.get(f"/insight/quizzes/{QUIZ}/v1").get_data(as_text=True)
    assert "Closing the call, holds and transfers" in page
    assert "What should you do?" in page and "Cronbach" in page
    assert 'aria-label="Attempts per score band"' in page
    listing = client.get("/insight/quizzes").get_data(as_text=True)
    assert f"/insight/quizzes/{QUIZ}/v1" in listing
    scores = client.get(f"/insight/quizzes/{QUIZ}/v1-scores.csv").get_data(as_text=True)
    assert sum(int(line.rsplit(",", 1)[1]) for line in scores.splitlines()[1:]) == 2


def test_an_author_may_read_item_analysis_and_an_unknown_quiz_is_404(app, create_user, populated):
    client = _sign_in(app, create_user("author").email)
    assert client.get(f"/insight/quizzes/{QUIZ}/v1").status_code == 200
    assert client.get("/insight/quizzes/no-such-quiz/v1").status_code == 404
    assert client.get(f"/insight/quizzes/{QUIZ}/v99.csv").status_code == 404


def test_a_learner_may_not_read_item_analysis(app, populated):
    client = _sign_in(app, populated.email["learner"])
    assert client.get(f"/insight/quizzes/{QUIZ}/v1").status_code == 403


def _picked(row: dict[str, str]) -> dict[str, int]:
    return {choice: int(n) for choice, n in (part.split("=") for part in row["choices"].split())}


def test_answers_sent_to_the_record_store_over_http_count_until_they_are_voided(
    app, client, populated, lrs_headers
):
    admin = _sign_in(app, populated.email["admin"])
    before = _rows(admin)["hold-not-mute"]
    answer = _package_answer("hold-not-mute", "c", str(uuid.uuid4()))
    response = client.post("/xapi/statements", json=[answer], headers=lrs_headers)
    assert response.status_code == 200
    sent = _rows(admin)["hold-not-mute"]
    assert int(sent["attempts"]) == int(before["attempts"]) + 1
    assert _picked(sent)["c"] == _picked(before)["c"] + 1

    voiding = {
        "actor": answer["actor"],
        "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
        "object": {"objectType": "StatementRef", "id": answer["id"]},
    }
    assert client.post("/xapi/statements", json=voiding, headers=lrs_headers).status_code == 200
    assert _rows(admin)["hold-not-mute"] == before


def test_an_answer_voided_before_it_arrives_never_counts(app, client, populated, lrs_headers):
    admin = _sign_in(app, populated.email["admin"])
    before = _rows(admin)["hold-not-mute"]
    answer = _package_answer("hold-not-mute", "c", str(uuid.uuid4()))
    voiding = {
        "actor": answer["actor"],
        "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
        "object": {"objectType": "StatementRef", "id": answer["id"]},
    }
    for sent in (voiding, answer):
        assert client.post("/xapi/statements", json=sent, headers=lrs_headers).status_code == 200
    assert _rows(admin)["hold-not-mute"] == before


def test_drill_answers_to_quiz_questions_are_practice_not_attempts(app, populated):
    admin = _sign_in(app, populated.email["admin"])
    before = _rows(admin)["hold-not-mute"]
    drill = _package_answer("hold-not-mute", "c", str(uuid.uuid4()))
    drill["context"]["contextActivities"] = {
        "category": [{"id": "https://elearn.example/xapi/activities/practice"}]
    }
    with get_db(app).transaction() as session:
        record_statements(session, [drill], authority=AUTHORITY)
    assert _rows(admin)["hold-not-mute"] == before


def test_erasing_a_learner_forgets_who_gave_their_answers_and_what_they_were(app, populated):
    with get_db(app).transaction() as session:
        learner = session.scalars(select(User).where(User.email == populated.email["learner"])).one()
        uid = learner.uid
        mine = select(AnswerRow).where(AnswerRow.actor == f"account:{uid}")
        answers = list(session.scalars(mine))
        assert answers and all(a.response is not None for a in answers)
        ids = [a.statement_id for a in answers]
        erase_person(session, learner)
    with get_db(app).transaction() as session:
        rows = list(session.scalars(select(AnswerRow).where(AnswerRow.statement_id.in_(ids))))
        assert len(rows) == len(ids)  # the answers still count, as the anonymised statements do
        assert all(row.actor is None and row.response is None for row in rows)
