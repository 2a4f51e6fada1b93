"""Two-minute drills through the app: start, answer with instant feedback, leave and resume, finish."""

from __future__ import annotations

import html
import random
from datetime import timedelta
from typing import Any

import lxml.html
from flask import Flask
from sqlalchemy import select

from app import clock
from app.database import get_db
from app.demo.answers import answer as demo_answer
from app.learner import catalog, drills
from assessments.practice import AnswerRow, CardRow, DrillRow
from assessments.shown_ids import draw_shown_ids, to_shown
from learning_record_store import query_statements
from learning_record_store.vocabulary import PRACTICE_CATEGORY, Verb
from tests.conftest import csrf_token_from

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


def open_drill(app: Flask, uid: str) -> DrillRow:
    with get_db(app).transaction() as session:
        drill = session.scalars(select(DrillRow).where(DrillRow.learner_id == uid)).all()[-1]
        session.expunge_all()
        return drill


def shown_answer(app: Flask, drill: DrillRow, number: int, *, right: bool) -> Any:
    """The answer to question ``number`` in source ids, written in the ids the drill shows."""
    item = drill.items[number - 1]
    with app.app_context(), get_db(app).transaction() as session:
        question = drills.question_of(session, item)
    return to_shown(question, demo_answer(question, right=right), item["ids"])


def start(client: Any) -> str:
    home = client.get("/learn/").get_data(as_text=True)
    assert "Start a drill" in home
    response = client.post("/learn/drill/start", data={"csrf_token": csrf_token_from(home)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/learn/drill")
    return client.get("/learn/drill").get_data(as_text=True)


def post_answer(client: Any, drill: DrillRow, number: int, value: Any, token: str) -> Any:
    return client.post(
        f"/learn/drill/{drill.id}/{number}", json={"response": value}, headers={"X-CSRFToken": token}
    )


def test_a_drill_from_my_learning_answers_leaves_resumes_and_finishes(
    learner_client: Any, app: Flask
) -> None:
    page = start(learner_client)
    token = csrf_token_from(page)
    drill = open_drill(app, learner_client.user.uid)
    assert 3 <= len(drill.items) <= 5
    assert len({item["key"] for item in drill.items}) == len(drill.items)
    assert f"Question 1 of {len(drill.items)}" in page

    response = post_answer(learner_client, drill, 1, shown_answer(app, drill, 1, right=True), token)
    assert response.status_code == 302
    feedback = learner_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Correct." in feedback and "comes back" in feedback and "Next question" in feedback

    # Leave mid-drill: My learning offers to resume, and the drill page shows question 2, not question 1.
    home = learner_client.get("/learn/").get_data(as_text=True)
    assert "Resume drill" in home and "1 of" in home
    page = learner_client.get("/drill", follow_redirects=True).get_data(as_text=True)
    assert f"Question 2 of {len(drill.items)}" in page

    for number in range(2, len(drill.items) + 1):
        post_answer(learner_client, drill, number, shown_answer(app, drill, number, right=False), token)
    done = learner_client.get(f"/learn/drill/{drill.id}/{len(drill.items)}").get_data(as_text=True)
    assert "Not quite." in done and "Drill done" in done and "1 drill done" in done

    finished = open_drill(app, learner_client.user.uid)
    assert finished.finished_at is not None
    with get_db(app).transaction() as session:
        answers = session.scalars(select(AnswerRow).where(AnswerRow.drill_id == drill.id)).all()
        assert [a.is_correct for a in answers] == [True] + [False] * (len(drill.items) - 1)
        cards = session.scalars(select(CardRow).where(CardRow.learner_id == learner_client.user.uid)).all()
        assert len(cards) == len(drill.items)
        statements = query_statements(session, registration=drill.registration, limit=0)
    answered = [s for s in statements if s["verb"]["id"] == ANSWERED]
    assert len(answered) == len(drill.items)
    for statement in answered:
        assert statement["context"]["contextActivities"]["category"] == [
            {"id": PRACTICE_CATEGORY, "objectType": "Activity"}
        ]
        assert {"score", "success", "response", "duration"} <= set(statement["result"])
    assert any(s["verb"]["id"] == Verb.COMPLETED for s in statements)


def test_the_page_never_holds_the_answer_key(learner_client: Any, app: Flask) -> None:
    page = start(learner_client)
    drill = open_drill(app, learner_client.user.uid)
    with app.app_context(), get_db(app).transaction() as session:
        question = drills.question_of(session, drill.items[0])
    for choice in question.choices:
        assert f'value="{choice.id}"' not in page
    assert question.feedback is None or question.feedback not in page
    words = html.unescape(page).lower().replace("check my answer", "")
    for own in (question.stem, *(choice.text for choice in question.choices)):
        words = words.replace(own.lower(), "")  # a question may itself ask what to answer "correctly"
    assert "correct" not in words


def test_answering_twice_or_out_of_turn_is_refused_plainly(learner_client: Any, app: Flask) -> None:
    token = csrf_token_from(start(learner_client))
    drill = open_drill(app, learner_client.user.uid)
    first = shown_answer(app, drill, 1, right=True)
    assert post_answer(learner_client, drill, 1, first, token).status_code == 302
    again = post_answer(learner_client, drill, 1, first, token)
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/{drill.id}/1")
    assert post_answer(learner_client, drill, 3, first, token).status_code == 400
    assert post_answer(learner_client, drill, 2, {"not": "an answer"}, token).status_code == 422
    assert learner_client.get(f"/learn/drill/{drill.id}/2").status_code == 404
    assert learner_client.get("/learn/drill/99999/1").status_code == 404


def test_a_drill_left_too_long_is_closed_on_the_next_visit(learner_client: Any, app: Flask) -> None:
    start(learner_client)
    drill = open_drill(app, learner_client.user.uid)
    with clock.at(clock.now() + timedelta(hours=app.config["DRILL_RESUME_HOURS"] + 1)):
        page = learner_client.get("/learn/drill").get_data(as_text=True)
    assert "Start a drill" in page
    assert open_drill(app, learner_client.user.uid).closed_at is not None
    assert drill.closed_at is None


def test_erasing_a_person_blanks_their_drill_answers_and_keeps_the_scores(
    learner_client: Any, app: Flask
) -> None:
    from app.accounts.models import User
    from app.erasure import erase_person

    token = csrf_token_from(start(learner_client))
    drill = open_drill(app, learner_client.user.uid)
    post_answer(learner_client, drill, 1, shown_answer(app, drill, 1, right=True), token)
    with get_db(app).transaction() as session:
        summary = erase_person(session, session.get(User, learner_client.user.id))
    assert summary["erase_assessment_answers"]["drill_answers"] == 1
    with get_db(app).transaction() as session:
        row = session.scalars(select(AnswerRow).where(AnswerRow.drill_id == drill.id)).one()
        assert (row.response, row.value, row.is_correct) == (None, 1.0, True)


def test_when_a_question_comes_back_is_said_for_people() -> None:
    from app.learner.drill_views import comes_back

    now = clock.now()
    assert comes_back(now + timedelta(seconds=50), now) == "in 1 minute"
    assert comes_back(now + timedelta(minutes=10), now) == "in 10 minutes"
    assert comes_back(now + timedelta(hours=3), now) == "in 3 hours"
    assert comes_back(now + timedelta(hours=30), now) == "tomorrow"
    assert comes_back(now + timedelta(days=8), now) == "in 8 days"
    assert comes_back(now + timedelta(days=120), now) == "in 4 months"


def _ordering_first(app: Flask, drill: DrillRow) -> DrillRow:
    """Make the drill's first question the ordering check of call-opening (drawn at random otherwise)."""
    with app.app_context(), get_db(app).transaction() as session:
        module = catalog.get_module(session, "call-opening")
        question = next(c for c in module.module.checks if c.type == "ordering")
        row = session.get(DrillRow, drill.id)
        first = {
            "key": f"check:call-opening/{question.id}",
            "source": "check",
            "content_id": "call-opening",
            "version": module.version,
            "question_id": question.id,
            "ids": draw_shown_ids(question, random.Random(1)),
        }
        row.items = [first, *row.items[1:]]
    return open_drill(app, drill.learner_id)


def test_a_form_the_question_cannot_take_comes_back_with_the_message_at_the_question(
    learner_client: Any, app: Flask
) -> None:
    token = csrf_token_from(start(learner_client))
    drill = _ordering_first(app, open_drill(app, learner_client.user.uid))
    steps = shown_answer(app, drill, 1, right=True)
    url = f"/learn/drill/{drill.id}/1"
    for fields, message in (
        (
            {f"q.{drill.items[0]['question_id']}.{steps[0]}": "1"},
            "Give every step a position: 1 of 5 have one.",
        ),
        ({}, "Put the steps in order, then check your answer."),
    ):
        refused = learner_client.post(url, data={"csrf_token": token, **fields})
        assert refused.status_code == 422
        tree = lxml.html.fromstring(refused.get_data(as_text=True))
        fieldset = tree.xpath("//form[contains(@class, 'drill-form')]/fieldset")[0]
        assert "has-error" in fieldset.get("class")
        error = fieldset.get_element_by_id(fieldset.get("aria-describedby"))
        assert error.text_content() == f"Error: {message}"
        assert tree.xpath("//p[contains(@class, 'eyebrow')]")[0].text_content().startswith("Question 1 of")
    assert open_drill(app, learner_client.user.uid).answers == []
    # all the positions: answered, on to the feedback
    right = {f"q.{drill.items[0]['question_id']}.{step}": str(n) for n, step in enumerate(steps, 1)}
    done = learner_client.post(url, data={"csrf_token": token, **right})
    assert done.status_code == 302 and done.headers["Location"].endswith(url)
    assert "Correct." in learner_client.get(url).get_data(as_text=True)
