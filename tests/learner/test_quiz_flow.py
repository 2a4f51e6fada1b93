"""The quiz form: question text once, partial ordering saved quietly, a refused submit stays on the quiz."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask

from app.database import get_db
from assessments import attempts
from assessments.store import Attempt, Response
from tests.conftest import csrf_token_from
from tests.learner.test_flow import start_quiz

ORDERING = "opening-order"


def step_ids(page: str, question_id: str) -> list[str]:
    return re.findall(rf'name="q\.{question_id}\.([^"]+)"', page)


def test_each_question_text_appears_once(learner_client: Any) -> None:
    _attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    total = page.count("<fieldset")
    question = page.split(f'id="question-{ORDERING}"')[1].split("</fieldset>")[0]
    assert question.count("Put the opening of the call in the right order.") == 1
    assert f"Question 1 of {total}" in page and 'href="#review"' in page and "Check your answers" in page


def test_a_partial_ordering_autosave_is_not_an_error(app: Flask, learner_client: Any) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    first = step_ids(page, ORDERING)[0]
    saved = learner_client.post(
        f"/learn/attempts/{attempt_id}/answers/{ORDERING}",
        data={f"q.{ORDERING}.{first}": "1"},
        headers={"X-CSRFToken": csrf_token_from(page), "Accept": "application/json"},
    )
    assert saved.status_code == 200
    assert saved.get_json() == {"saved": False, "question": ORDERING, "incomplete": True}
    typing = learner_client.post(
        f"/learn/attempts/{attempt_id}/answers/opening-seconds",
        data={"q.opening-seconds": "about thir"},
        headers={"X-CSRFToken": csrf_token_from(page), "Accept": "application/json"},
    )
    assert typing.status_code == 200 and typing.get_json()["saved"] is False
    with get_db(app).transaction() as session:
        assert session.query(Response).count() == 0


def test_an_incomplete_ordering_submit_stays_on_the_quiz_with_the_message_at_the_question(
    app: Flask, learner_client: Any
) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    steps = step_ids(page, ORDERING)
    picked, single = re.search(r'type="radio" id="[^"]+" name="q\.([^"]+)" value="([^"]+)"', page).groups()
    refused = learner_client.post(
        f"/learn/attempts/{attempt_id}",
        data={
            "csrf_token": csrf_token_from(page),
            "action": "submit",
            f"q.{picked}": single,
            f"q.{ORDERING}.{steps[0]}": "2",
            f"q.{ORDERING}.{steps[1]}": "1",
        },
    )
    assert refused.status_code == 422
    shown = refused.get_data(as_text=True)
    assert "Your answers are not submitted yet" in shown and 'class="quiz"' in shown
    question = shown.split(f'id="question-{ORDERING}"')[1].split("</fieldset>")[0]
    assert "Give every step a position: 2 of 5 have one." in question
    assert re.search(rf'name="q\.{ORDERING}\.{steps[0]}">.*?value="2" selected', question, re.S)
    with get_db(app).transaction() as session:
        assert session.get(Attempt, attempt_id).submitted_at is None
        saved = {r.question_id: r.value["response"] for r in session.query(Response)}
        choices = attempts.shown_ids(session.get(Attempt, attempt_id), picked)["choices"]
    assert saved == {picked: next(source for source, id_ in choices.items() if id_ == single)}  # kept
    # Completing the order, the same form submits.
    order = {f"q.{ORDERING}.{step}": str(n) for n, step in enumerate(steps, start=1)}
    done = learner_client.post(
        f"/learn/attempts/{attempt_id}",
        data={"csrf_token": csrf_token_from(shown), "action": "submit", **order},
    )
    assert done.headers["Location"].endswith(f"/learn/attempts/{attempt_id}/result")


def test_a_word_for_a_number_is_shown_back_at_its_question(learner_client: Any) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    refused = learner_client.post(
        f"/learn/attempts/{attempt_id}",
        data={"csrf_token": csrf_token_from(page), "action": "submit", "q.opening-seconds": "about thirty"},
    )
    assert refused.status_code == 422
    question = (
        refused.get_data(as_text=True).split('id="question-opening-seconds"')[1].split("</fieldset>")[0]
    )
    assert "Write your answer as a number" in question and 'value="about thirty"' in question
