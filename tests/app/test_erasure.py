"""Erasing a learner: statements anonymised, answers blanked, mentoring notes deleted, one audit entry."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import func, select

from app.accounts.models import AuditEvent, LoginFailure
from app.database import get_db
from app.mentoring.models import FollowUp, Note, Notification, Relationship
from assessments.check_answers import CheckAnswer
from assessments.store import Attempt, Response
from learning_record_store import record_statements
from learning_record_store.models import Statement
from tests.conftest import csrf_token_from
from tests.learning_record_store.statement_fixtures import lrs_headers, make_client, statement

__all__ = ["lrs_headers", "make_client"]

BASE_URL = "https://elearn.example/"
ESSAY = "My manager Priya shouted at me on the call with the Hendersons."
AUTHORITY = {"objectType": "Agent", "account": {"homePage": BASE_URL, "name": "elearn"}}


@pytest.fixture
def app_config(app_config):
    return {**app_config, "BASE_URL": BASE_URL}


def _record_learning(app, learner, mentor) -> None:
    account = {
        "objectType": "Agent",
        "name": learner.name,
        "account": {"homePage": BASE_URL, "name": learner.uid},
    }
    old_host = {"account": {"homePage": "http://localhost/", "name": learner.uid}}
    mailbox = {"name": learner.name, "mbox": f"mailto:{learner.email}"}
    other = {"name": mentor.name, "mbox": f"mailto:{mentor.email}"}
    with get_db(app).transaction() as db:
        record_statements(
            db,
            [
                statement(actor=account, result={"response": ESSAY, "score": {"raw": 3}}),
                statement(actor=old_host),
                statement(actor=mailbox),
                statement(actor=other, context={"instructor": account}),
            ],
            authority=AUTHORITY,
        )
        attempt = Attempt(
            registration=str(uuid.uuid4()),
            learner_id=learner.uid,
            quiz_id="call-closing",
            quiz_version=1,
            number=1,
            question_ids=["q1"],
            choice_order={},
            status="submitted",
            score_raw=3.0,
            score_max=4.0,
            awaiting_review=True,
        )
        attempt.responses.append(Response(question_id="q1", value={"response": ESSAY}, awaiting_review=True))
        db.add(attempt)
        db.add(
            CheckAnswer(
                learner_id=learner.uid,
                module_id="call-closing",
                module_version=1,
                check_id="c1",
                value={"response": ESSAY},
                is_correct=None,
            )
        )
        relation = Relationship(mentor_id=mentor.id, mentee_id=learner.id)
        db.add(relation)
        db.flush()
        db.add(Note(relationship_id=relation.id, author_id=mentor.id, body=ESSAY))
        db.add(Note(relationship_id=relation.id, author_id=mentor.id, body=ESSAY, is_shared=True))
        db.add(Notification(user_id=learner.id, kind="note", message=ESSAY))
        db.add(
            FollowUp(
                relationship_id=relation.id,
                competency_id="empathy",
                kind="experience",
                title="Shadow a senior agent",
                effort_minutes=30,
                reflection=ESSAY,
            )
        )
        db.add(LoginFailure(key=f"pair:{learner.email}|203.0.113.9", failures=2))


def _erase(client, user) -> None:
    path = f"/admin/users/{user.id}"
    token = csrf_token_from(client.get(path).get_data(as_text=True))
    response = client.post(f"{path}/erase", data={"csrf_token": token, "confirm": user.email})
    assert response.status_code == 302


def _statements(client, headers, agent) -> list[dict]:
    response = client.get("/xapi/statements", query_string={"agent": json.dumps(agent)}, headers=headers)
    assert response.status_code == 200
    return response.get_json()["statements"]


def test_erasure_removes_the_person_and_keeps_the_scores(
    app, client, auth, create_user, session, lrs_headers
):
    learner = create_user("learner", name="Zelda Quartermaine")
    mentor = create_user("mentor")
    _record_learning(app, learner, mentor)
    auth.login_as("admin")
    account = {"account": {"homePage": BASE_URL, "name": learner.uid}}
    mailbox = {"mbox": f"mailto:{learner.email}"}
    assert len(_statements(client, lrs_headers, account)) == 1

    _erase(client, learner)

    session.expire_all()
    for agent in (account, mailbox, {"account": {"homePage": "http://localhost/", "name": learner.uid}}):
        assert _statements(client, lrs_headers, agent) == []
    payloads = list(session.scalars(select(Statement.payload)))
    assert len(payloads) == 4
    for identifier in (learner.uid, learner.email, learner.name, ESSAY):
        assert not any(identifier in text for text in payloads)
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "user.erase")).one()
    stand_in = json.loads(event.details)["summary"]["erase_lrs_statements"]["stand_in"]
    assert json.loads(event.details)["summary"]["erase_lrs_statements"]["statements"] == 4
    replacement = {"account": {"homePage": BASE_URL, "name": stand_in}}
    assert len(_statements(client, lrs_headers, replacement)) == 2  # the account and the mailbox one
    related = client.get(
        "/xapi/statements",
        query_string={"agent": json.dumps(replacement), "related_agents": "true"},
        headers=lrs_headers,
    ).get_json()["statements"]
    assert len(related) == 3  # and the one where they were the instructor

    attempt = session.scalars(select(Attempt)).one()
    assert (attempt.score_raw, attempt.awaiting_review) == (3.0, False)
    assert [r.value for r in attempt.responses] == [{"response": None}]
    assert session.scalars(select(CheckAnswer.value)).one() == {"response": None}
    assert session.scalar(select(func.count()).select_from(Note)) == 0
    assert session.scalar(select(func.count()).select_from(Notification)) == 0
    assert session.scalar(select(func.count()).select_from(Relationship)) == 0
    assert session.scalar(select(func.count()).select_from(FollowUp)) == 0  # with the reflection
    assert session.scalar(select(func.count()).select_from(LoginFailure)) == 0
