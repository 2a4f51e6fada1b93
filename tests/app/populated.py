"""A small team with some history, made through the app's own pages and services.

Every role is there (an admin, a lead, a mentor, two learners, a mentor who is also a learner), with quiz
attempts that pass, fail and wait for an essay grade, a 70:20:10 plan with follow-ups, a goal and notes, so
that every page has something to show. ``populate(app)`` returns who is who. (The every-page browser test
runs on the seeded demo instead: tests/app/demo_site.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

import courses
from app.accounts import create_user
from app.database import get_db
from app.mentoring.relationships import enrol_mentee, enrol_mentor, match
from assessments.attempts import shown_ids
from assessments.shown_ids import to_shown
from assessments.store import Attempt
from tests.conftest import TEST_PASSWORD, csrf_token_from
from tests.learner.drilling import run_drill
from tests.learner.test_flow import ORACLE  # the right response to each question type

CONTENT = Path(__file__).resolve().parents[2] / "content"
TEAM = "Blue team"

PEOPLE: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = (
    ("admin", "Ada Admin", ("admin",), None),
    ("lead", "Lee Lead", ("lead",), TEAM),
    ("mentor", "Morgan Mentor", ("mentor",), TEAM),
    ("learner", "Lina Learner", ("learner",), TEAM),
    ("learner2", "Luca Learner", ("learner",), TEAM),
    ("both", "Sam Senior", ("mentor", "learner"), TEAM),
)

WRONG = {
    "single": lambda q: next(c.id for c in q.choices if not c.correct),
    "true-false": lambda q: not q.key["answer"],
    "ordering": lambda q: [c.id for c in reversed(q.choices)],
    "matching": lambda q: {c.id: q.choices[(i + 1) % len(q.choices)].match for i, c in enumerate(q.choices)},
}


@dataclass
class Population:
    users: dict[str, Any]  # key in PEOPLE -> User (detached)
    email: dict[str, str]
    attempt_ids: list[int] = field(default_factory=list)


def _email(key: str) -> str:
    return f"{key}@blue.example"


class _Client(FlaskClient):
    """A client whose every request has an app context of its own, as in production.

    pytest-flask keeps one app context pushed for a whole test; requests made in it would share ``g``
    (and so the signed-in user) and the database session.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        with self.application.app_context():
            return super().open(*args, **kwargs)


def _sign_in(app: Flask, key: str) -> Any:
    client = _Client(app, app.response_class, use_cookies=True)
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"email": _email(key), "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def _take_quiz(app: Flask, client: Any, quiz_id: str, *, wrong_share: float) -> int:
    """Start, answer (about wrong_share of the questions wrongly) and submit a quiz; return the attempt id."""
    overview = client.get(f"/learn/quizzes/{quiz_id}").get_data(as_text=True)
    started = client.post(f"/learn/quizzes/{quiz_id}/start", data={"csrf_token": csrf_token_from(overview)})
    attempt_id = int(started.headers["Location"].rsplit("/", 1)[1])
    page = client.get(f"/learn/attempts/{attempt_id}").get_data(as_text=True)
    token = csrf_token_from(page)
    with get_db(app).transaction() as session:
        attempt = session.get(Attempt, attempt_id)
        quiz = courses.get_quiz(session, attempt.quiz_id).quiz
        questions = [quiz.question(qid) for qid in attempt.question_ids]
        shown = {qid: shown_ids(attempt, qid) for qid in attempt.question_ids}
    wrong_left = round(len(questions) * wrong_share)
    for question in questions:
        answer = ORACLE[question.type]
        if wrong_left and question.type in WRONG:
            answer, wrong_left = WRONG[question.type], wrong_left - 1
        client.post(
            f"/learn/attempts/{attempt_id}/answers/{question.id}",
            json={"response": to_shown(question, answer(question), shown[question.id])},
            headers={"X-CSRFToken": token},
        )
    client.post(f"/learn/attempts/{attempt_id}", data={"csrf_token": token, "action": "submit"})
    return attempt_id


def _post_form(client: Any, page_url: str, url: str, data: dict[str, Any]) -> Any:
    token = csrf_token_from(client.get(page_url).get_data(as_text=True))
    return client.post(url, data={"csrf_token": token, **data})


def populate(app: Flask) -> Population:
    """Publish the sample content and give a small team some history; return who is who."""
    database = get_db(app)
    with database.transaction() as session:
        report = courses.build_content(session, CONTENT)
        assert report.ok, [d.format() for d in report.errors]
        users = {}
        for key, name, roles, team in PEOPLE:
            users[key] = create_user(
                session, email=_email(key), name=name, password=TEST_PASSWORD, roles=roles, team=team
            )
        enrol_mentor(session, users["mentor"], capacity=5, strengths=["objection-handling"])
        for key in ("learner", "learner2", "both"):
            enrol_mentee(session, users[key])
            match(session, users["mentor"], users[key], cadence="fortnightly", minutes=30)
        session.flush()
        for user in users.values():
            session.expunge(user)
    population = Population(users=users, email={key: _email(key) for key in users})

    learner = _sign_in(app, "learner")
    learner.get("/learn/modules/call-opening/v1/1")
    population.attempt_ids.append(_take_quiz(app, learner, "call-opening-quiz", wrong_share=0.0))
    population.attempt_ids.append(_take_quiz(app, learner, "objection-handling-quiz", wrong_share=0.6))
    population.attempt_ids.append(_take_quiz(app, learner, "call-closing-quiz", wrong_share=0.7))
    learner2 = _sign_in(app, "learner2")
    population.attempt_ids.append(_take_quiz(app, learner2, "call-closing-quiz", wrong_share=0.3))
    run_drill(app, users["learner"], seed=1)  # a finished drill for the drill pages and the desk

    mentor = _sign_in(app, "mentor")
    mentee = users["learner"]
    mentee_page = f"/mentoring/mentees/{mentee.id}"
    propose = mentor.get(f"{mentee_page}/plan/propose").get_data(as_text=True)
    activities = re.findall(r'name="activity" value="([^"]+)"', propose)
    efforts = dict(re.findall(r'name="(effort-[^"]+)" min="1" max="2400" value="(\d+)"', propose))
    plan = {"activity": activities, **efforts}
    _post_form(mentor, f"{mentee_page}/plan/propose", f"{mentee_page}/plan", plan)
    _post_form(mentor, mentee_page, f"{mentee_page}/goals", {"text": "Handle price objections calmly"})
    _post_form(
        mentor, mentee_page, f"{mentee_page}/notes", {"body": "Good energy on calls.", "visibility": "shared"}
    )
    _post_form(
        mentor,
        mentee_page,
        f"{mentee_page}/notes",
        {"body": "Check in about the queue.", "visibility": "private"},
    )

    return population
