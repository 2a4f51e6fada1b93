"""No page or JSON response holds an answer key or feedback before submission, for every question type.

The quiz in ``tests/learner/content`` has one question of each type, with canary strings in every place an
answer key or feedback lives; the sample curriculum covers the review policies after submission.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

import courses
from app.database import get_db
from assessments import attempts
from assessments.model import QUESTION_TYPE_NAMES
from assessments.store import Attempt
from learning_record_store import query_statements
from tests.conftest import csrf_token_from
from tests.learner.test_flow import shown_answer, start_quiz

CANARY_CONTENT = Path(__file__).parent / "content"
# Everything that would give an answer away: canaries, the numeric answer, and key or flag names.
LEAKS = re.compile(
    r'CANARY|987654|"correct"|"match"|"key"|"answers?"|"feedback"|"rubric"|data-correct|\bcorrect\b',
    re.IGNORECASE,
)
WRONG = {
    "single-q": "a",
    "multiple-q": ["c"],
    "true-false-q": True,
    "fill-in-q": "nope",
    "numeric-q": 5,
    "matching-q": {"a": "4"},
    "ordering-q": ["d", "c", "b", "a"],
    "likert-q": "a",
    "essay-q": "Some words about a hard call.",
}


@pytest.fixture
def canary_client(app: Flask, client: Any, auth: Any) -> Any:
    with get_db(app).transaction() as session:
        assert courses.build_content(session, CANARY_CONTENT).ok
    auth.login_as("learner")
    return client


def body(response: Any) -> str:
    assert response.status_code < 400, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True)


def test_the_canary_quiz_has_every_question_type(app: Flask, canary_client: Any) -> None:
    with get_db(app).transaction() as session:
        quiz = courses.get_quiz(session, "every-type-quiz").quiz
    assert sorted(q.type for q in quiz.questions) == sorted(QUESTION_TYPE_NAMES)
    assert set(WRONG) == {q.id for q in quiz.questions}


def test_no_answer_key_before_submission(app: Flask, canary_client: Any) -> None:
    client = canary_client
    seen = [
        body(client.get("/learn/")),
        body(client.get("/learn/modules/every-type", follow_redirects=True)),
        body(client.get("/learn/modules/every-type/v1/2")),
    ]
    overview = body(client.get("/learn/quizzes/every-type-quiz?module=every-type"))
    seen.append(overview)
    started = client.post(
        "/learn/quizzes/every-type-quiz/start",
        data={"csrf_token": csrf_token_from(overview), "module": "every-type"},
    )
    attempt_id = int(started.headers["Location"].rsplit("/", 1)[1])
    page = body(client.get(f"/learn/attempts/{attempt_id}"))
    seen.append(page)
    token = csrf_token_from(page)
    for question_id, response in WRONG.items():
        saved = client.post(
            f"/learn/attempts/{attempt_id}/answers/{question_id}",
            json={"response": shown_answer(app, attempt_id, question_id, response)},
            headers={"X-CSRFToken": token},
        )
        seen.append(body(saved))
    form = client.post(
        f"/learn/attempts/{attempt_id}/answers/single-q",
        data={"q.single-q": shown_answer(app, attempt_id, "single-q", "c")},
        headers={"X-CSRFToken": token, "Accept": "application/json"},
    )
    seen.append(body(form))
    seen += [
        body(client.get(f"/learn/attempts/{attempt_id}")),
        body(client.get("/learn/")),
        body(client.get("/learn/results")),
        body(client.get("/learn/quizzes/every-type-quiz")),
    ]
    # no result before the attempt is submitted: back to the quiz
    early = client.get(f"/learn/attempts/{attempt_id}/result", headers={"Accept": "application/json"})
    assert early.status_code == 302 and early.headers["Location"] == f"/learn/attempts/{attempt_id}"
    seen.append(early.get_data(as_text=True))
    for text in seen:
        assert not LEAKS.search(text), LEAKS.search(text).group(0)
    # Orders that would give the answer away are never shown: steps and targets are shuffled.
    # Steps and targets carry the attempt's own ids, shown in a drawn order that is never the answer.
    steps = re.findall(r'name="q\.ordering-q\.([^"]+)"', page)
    assert len(steps) == 4 and not set(steps) & {"a", "b", "c", "d"}
    with get_db(app).transaction() as session:
        ids = attempts.shown_ids(session.get(Attempt, attempt_id), "ordering-q")["choices"]
    source = {shown: step for step, shown in ids.items()}
    assert [source[step] for step in steps] != ["a", "b", "c", "d"]

    # After submitting, "answers-always" shows the key and feedback: the check above can fail.
    submitted = client.post(
        f"/learn/attempts/{attempt_id}", data={"csrf_token": token, "action": "submit"}, follow_redirects=True
    )
    result = body(submitted)
    assert "FEEDBACK-CANARY-single" in result and "ACCEPTED-CANARY-one" in result
    with get_db(app).transaction() as session:
        assert session.get(Attempt, attempt_id).awaiting_review  # the essay
    assert "Awaiting review" in result


@pytest.mark.parametrize(
    ("quiz_id", "shows_answers"),
    [("call-closing-quiz", False), ("objection-handling-quiz", False), ("call-opening-quiz", False)],
)
def test_review_policy_decides_what_results_show(
    app: Flask, client: Any, auth: Any, quiz_id: str, shows_answers: bool
) -> None:
    with get_db(app).transaction() as session:
        assert courses.build_content(session, Path(__file__).parents[2] / "content").ok
        quiz = courses.get_quiz(session, quiz_id).quiz
    feedback = [q.feedback for q in quiz.questions if q.feedback]
    feedback += [c.feedback for q in quiz.questions for c in q.choices if c.feedback]
    auth.login_as("learner")
    overview = body(client.get(f"/learn/quizzes/{quiz_id}"))
    started = client.post(f"/learn/quizzes/{quiz_id}/start", data={"csrf_token": csrf_token_from(overview)})
    page = body(client.get(started.headers["Location"]))
    assert not [text for text in feedback if text in page]
    result = body(
        client.post(
            started.headers["Location"],
            data={"csrf_token": csrf_token_from(page), "action": "submit"},
            follow_redirects=True,
        )
    )
    assert any(text in result for text in feedback) is shows_answers
    assert ("Your answers" in result) is (quiz.settings.review in ("responses", "answers"))


def submit_empty_attempt(client: Any, quiz_id: str) -> str:
    overview = body(client.get(f"/learn/quizzes/{quiz_id}"))
    started = client.post(f"/learn/quizzes/{quiz_id}/start", data={"csrf_token": csrf_token_from(overview)})
    page = body(client.get(started.headers["Location"]))
    submitted = client.post(
        started.headers["Location"],
        data={"csrf_token": csrf_token_from(page), "action": "submit"},
        follow_redirects=True,
    )
    return body(submitted)


def test_answers_shows_the_key_only_after_the_last_allowed_attempt(app: Flask, learner_client: Any) -> None:
    with get_db(app).transaction() as session:
        settings = courses.get_quiz(session, "call-opening-quiz").quiz.settings
    assert (settings.review, settings.attempts) == ("answers", 3)
    for _ in range(2):  # failed, with attempts left: their own responses, never the key
        result = submit_empty_attempt(learner_client, "call-opening-quiz")
        assert "Not passed" in result and "Your answers" in result
        assert "Correct answer:" not in result
    # While the last attempt is open, the results of the earlier ones still keep the key back.
    overview = body(learner_client.get("/learn/quizzes/call-opening-quiz"))
    learner_client.post(
        "/learn/quizzes/call-opening-quiz/start", data={"csrf_token": csrf_token_from(overview)}
    )
    with get_db(app).transaction() as session:
        first = min(a.id for a in session.query(Attempt))
    assert "Correct answer:" not in body(learner_client.get(f"/learn/attempts/{first}/result"))
    last = submit_empty_attempt(learner_client, "call-opening-quiz")  # resumes the open attempt
    assert "Correct answer:" in last
    # and an earlier attempt's result shows it too, now that no attempt is left
    earlier = re.findall(r'href="(/learn/attempts/\d+/result)"', last)[0]
    assert "Correct answer:" in body(learner_client.get(earlier))


def test_answers_always_shows_the_key_after_the_first_attempt(canary_client: Any) -> None:
    result = submit_empty_attempt(canary_client, "every-type-quiz")
    assert "Correct answer:" in result and "ACCEPTED-CANARY-one" in result


RIGHT = {
    "single-q": "b",
    "multiple-q": ["a", "b"],
    "matching-q": {"a": "1", "b": "2", "c": "3"},
    "ordering-q": ["a", "b", "c", "d"],
    "likert-q": "c",
}
STATED = {
    "single-q": "b",
    "multiple-q": "a[,]b",
    "matching-q": "a[.]1[,]b[.]2[,]c[.]3",
    "ordering-q": "a[,]b[,]c[,]d",
    "likert-q": "c",
}


def test_answers_in_shown_ids_are_kept_stated_and_scored_in_source_ids(
    app: Flask, canary_client: Any
) -> None:
    client = canary_client
    attempt_id, page = start_quiz(client, "every-type-quiz")
    token = csrf_token_from(page)
    for question_id, response in RIGHT.items():
        # the source ids themselves, as the page once showed them, are refused and change nothing
        refused = client.post(
            f"/learn/attempts/{attempt_id}/answers/{question_id}",
            json={"response": response},
            headers={"X-CSRFToken": token, "Accept": "application/json"},
        )
        assert refused.status_code == 422, question_id
        saved = client.post(
            f"/learn/attempts/{attempt_id}/answers/{question_id}",
            json={"response": shown_answer(app, attempt_id, question_id, response)},
            headers={"X-CSRFToken": token},
        )
        assert saved.status_code == 200, saved.get_data(as_text=True)[:200]
    with get_db(app).transaction() as session:
        attempt = session.get(Attempt, attempt_id)
        assert {r.question_id: r.value["response"] for r in attempt.responses} == RIGHT
        statements = query_statements(session, registration=attempt.registration, limit=0)
    stated = {
        s["object"]["id"].rsplit("/", 1)[1]: s
        for s in statements
        if s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    }
    assert {qid: s["result"]["response"] for qid, s in stated.items()} == STATED
    definition = stated["matching-q"]["object"]["definition"]
    assert [c["id"] for c in definition["source"]] == ["a", "b", "c"]
    assert [c["id"] for c in definition["target"]] == ["1", "2", "3", "4"]
    assert stated["ordering-q"]["object"]["definition"]["correctResponsesPattern"] == ["a[,]b[,]c[,]d"]

    # Resuming shows each saved answer in the page's own ids.
    again = body(client.get(f"/learn/attempts/{attempt_id}"))
    step_a = shown_answer(app, attempt_id, "ordering-q", ["a"])[0]
    assert re.search(
        rf'name="q\.ordering-q\.{step_a}">\s*<option value="">Position…</option>\s*'
        r'<option value="1" selected>',
        again,
    )
    pairs = shown_answer(app, attempt_id, "matching-q", {"b": "2"})
    [(premise, target)] = pairs.items()
    select = again.split(f'name="q.matching-q.{premise}"')[1].split("</select>")[0]
    assert f'value="{target}" selected' in select

    result = body(
        client.post(
            f"/learn/attempts/{attempt_id}",
            data={"csrf_token": token, "action": "submit"},
            follow_redirects=True,
        )
    )
    with get_db(app).transaction() as session:
        rows = {r.question_id: r for r in session.get(Attempt, attempt_id).responses}
    assert all(rows[qid].is_correct for qid in ("single-q", "multiple-q", "matching-q", "ordering-q"))
    assert "Pick both facts" in result
