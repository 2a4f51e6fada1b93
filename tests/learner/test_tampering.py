"""Tampered requests get a clear 4xx and change nothing."""

from __future__ import annotations

from typing import Any

from flask import Flask

from app.database import get_db
from assessments.store import Attempt, Response
from tests.conftest import csrf_token_from
from tests.learner.test_flow import start_quiz


def saved(app: Flask) -> dict[str, Any]:
    with get_db(app).transaction() as session:
        return {r.question_id: r.value["response"] for r in session.query(Response)}


def post_json(client: Any, token: str, url: str, payload: Any) -> Any:
    return client.post(url, json=payload, headers={"X-CSRFToken": token, "Accept": "application/json"})


def first_question(app: Flask, attempt_id: int) -> str:
    with get_db(app).transaction() as session:
        return session.get(Attempt, attempt_id).question_ids[0]


def test_unknown_choice_and_bad_shapes_are_refused(app: Flask, learner_client: Any) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    token, question = csrf_token_from(page), first_question(app, attempt_id)
    url = f"/learn/attempts/{attempt_id}/answers/{question}"
    for payload in ({"response": "zz"}, {"response": ["a"]}, {"response": None}, {"answer": "a"}, ["a"]):
        refused = post_json(learner_client, token, url, payload)
        assert refused.status_code == 422, payload
        assert refused.get_json()["error"] == "Unprocessable Entity"
    form = learner_client.post(
        f"/learn/attempts/{attempt_id}", data={"csrf_token": token, "action": "submit", f"q.{question}": "zz"}
    )
    assert form.status_code == 422
    assert saved(app) == {}
    with get_db(app).transaction() as session:
        assert session.get(Attempt, attempt_id).submitted_at is None


def test_questions_outside_the_attempt_are_refused(app: Flask, learner_client: Any) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    token = csrf_token_from(page)
    with get_db(app).transaction() as session:
        drawn = session.get(Attempt, attempt_id).question_ids
    # the pool draws two of three greeting questions: the third exists in the quiz but not in this attempt
    outside = ({"greeting-first-words", "greeting-own-words", "greeting-invitation"} - set(drawn)).pop()
    for question in (outside, "no-such-question"):
        refused = post_json(
            learner_client, token, f"/learn/attempts/{attempt_id}/answers/{question}", {"response": "a"}
        )
        assert refused.status_code == 400
        form = learner_client.post(
            f"/learn/attempts/{attempt_id}",
            data={"csrf_token": token, "action": "leave", f"q.{question}": "a"},
        )
        assert form.status_code == 400
    assert saved(app) == {}


def test_someone_elses_attempt_is_not_found(app: Flask, learner_client: Any, auth: Any) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    question = first_question(app, attempt_id)
    auth.logout()
    auth.login_as("learner")
    other_page = learner_client.get("/learn/").get_data(as_text=True)
    token = csrf_token_from(other_page)
    assert learner_client.get(f"/learn/attempts/{attempt_id}").status_code == 404
    assert learner_client.get(f"/learn/attempts/{attempt_id}/result").status_code == 404
    assert (
        post_json(
            learner_client, token, f"/learn/attempts/{attempt_id}/answers/{question}", {"response": "a"}
        ).status_code
        == 404
    )
    assert (
        learner_client.post(
            f"/learn/attempts/{attempt_id}", data={"csrf_token": token, "action": "submit"}
        ).status_code
        == 404
    )
    assert (
        learner_client.post(f"/learn/attempts/{attempt_id}/leave", data={"csrf_token": token}).status_code
        == 404
    )
    assert saved(app) == {}
    with get_db(app).transaction() as session:
        attempt = session.get(Attempt, attempt_id)
        assert attempt.submitted_at is None and attempt.suspended_at is None


def test_answers_after_the_attempt_closed_are_refused(app: Flask, learner_client: Any) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    token, question = csrf_token_from(page), first_question(app, attempt_id)
    learner_client.post(f"/learn/attempts/{attempt_id}", data={"csrf_token": token, "action": "submit"})
    refused = post_json(
        learner_client, token, f"/learn/attempts/{attempt_id}/answers/{question}", {"response": "a"}
    )
    assert refused.status_code == 409 and "closed" in refused.get_json()["message"]
    assert saved(app) == {}


def test_unknown_modules_and_quizzes_are_not_found(learner_client: Any) -> None:
    assert learner_client.get("/learn/modules/nope").status_code == 404
    assert learner_client.get("/learn/modules/call-opening/v99/1").status_code == 404
    assert learner_client.get("/learn/quizzes/nope").status_code == 404


def test_learner_pages_need_a_learner(client: Any, auth: Any, published: None) -> None:
    assert client.get("/learn/").status_code == 302  # to the sign-in page
    auth.login_as("admin")
    assert client.get("/learn/").status_code == 403


def test_an_unknown_action_is_refused_and_does_not_submit_the_attempt(
    app: Flask, learner_client: Any
) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    token = csrf_token_from(page)
    for data in ({"action": "explode"}, {}, {"action": ["submit", "leave"]}):
        refused = learner_client.post(f"/learn/attempts/{attempt_id}", data={"csrf_token": token, **data})
        assert refused.status_code == 400, data
        assert "Choose Submit answers or Save and leave." in refused.get_data(as_text=True)
    with get_db(app).transaction() as session:
        assert session.get(Attempt, attempt_id).submitted_at is None
