from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
from sqlalchemy import select

from assessments.mastery_tables import EvidenceRow
from assessments.store import Attempt, Response
from courses import build_content
from tests.app.mentoring.conftest import transaction
from tests.conftest import csrf_token_from

CONTENT = Path(__file__).resolve().parents[3] / "content"
ESSAY = (
    "A loyal caller is leaving over price. I would thank them, ask what matters most, then offer the plan."
)


def _essay(app, learner) -> int:  # type: ignore[no-untyped-def]
    with transaction(app) as session:
        assert not build_content(session, CONTENT).errors
    with transaction(app) as session:
        attempt = Attempt(
            registration=str(uuid.uuid4()),
            learner_id=learner.uid,
            quiz_id="objection-handling-quiz",
            quiz_version=1,
            number=1,
            question_ids=["loyal-customer-essay"],
            choice_order={},
            submitted_at=datetime.now(UTC),
            status="submitted",
            awaiting_review=True,
        )
        attempt.responses = [
            Response(question_id="loyal-customer-essay", value={"response": ESSAY}, awaiting_review=True)
        ]
        session.add(attempt)
        session.flush()
        return attempt.responses[0].id


def test_mentor_grades_an_essay_per_competency(app, client, auth, make_pair, create_user) -> None:
    mentor, mentee = make_pair()
    response_id = _essay(app, mentee)
    auth.login(mentor.email)
    queue = client.get("/mentoring/grading").get_data(as_text=True)
    assert "How would you respond to this caller?" in queue and mentee.name in queue
    assert "1 essay waiting" in client.get("/mentoring/").get_data(as_text=True)
    page = client.get(f"/mentoring/grading/{response_id}").get_data(as_text=True)
    assert "thank them, ask what matters most" in page and "Rubric:" in page
    incomplete = client.post(
        f"/mentoring/grading/{response_id}",
        data={"csrf_token": csrf_token_from(page), "rating-objection-handling": "4"},
    )
    assert incomplete.status_code == 400
    done = client.post(
        f"/mentoring/grading/{response_id}",
        data={
            "csrf_token": csrf_token_from(page),
            "rating-objection-handling": "4",
            "rating-empathy": "2",
            "feedback": "Good questions; name the caller's loyalty.",
        },
    )
    assert done.status_code == 302
    with transaction(app) as session:
        evidence = {(e.competency_id, round(e.value, 3)) for e in session.scalars(select(EvidenceRow))}
        response = session.get(Response, response_id)
        assert response.awaiting_review is False and response.score is not None
    # the ratings per competency, and the attempt's settled score (2/3 of the essay's points) as a whole
    assert evidence == {
        ("objection-handling", 1.0),
        ("empathy", 0.333),
        ("objection-handling", 0.667),
        ("empathy", 0.667),
    }
    assert "No essays are waiting" in client.get("/mentoring/grading").get_data(as_text=True)
    assert client.get(f"/mentoring/grading/{response_id}").status_code == 404


def test_another_mentor_cannot_grade(app, client, auth, make_pair) -> None:
    _mentor, mentee = make_pair()
    other, _ = make_pair()
    response_id = _essay(app, mentee)
    auth.login(other.email)
    assert client.get(f"/mentoring/grading/{response_id}").status_code == 404
    assert mentee.name not in client.get("/mentoring/grading").get_data(as_text=True)


def test_grading_the_last_essay_settles_the_attempt(app, client, auth, make_pair) -> None:
    from courses import get_quiz
    from learning_record_store import query_statements
    from learning_record_store.vocabulary import Verb

    mentor, mentee = make_pair()
    response_id = _essay(app, mentee)
    auth.login(mentor.email)
    page = client.get(f"/mentoring/grading/{response_id}").get_data(as_text=True)
    client.post(
        f"/mentoring/grading/{response_id}",
        data={
            "csrf_token": csrf_token_from(page),
            "rating-objection-handling": "4",
            "rating-empathy": "4",
            "feedback": "Spot on.",
        },
    )
    with transaction(app) as session:
        attempt = session.scalar(select(Attempt).where(Attempt.learner_id == mentee.uid))
        quiz = get_quiz(session, "objection-handling-quiz", 1).quiz
        points = quiz.question("loyal-customer-essay").points
        assert attempt.awaiting_review is False
        assert (attempt.score_raw, attempt.score_max, attempt.score_scaled) == (points, points, 1.0)
        assert attempt.passed is True
        registration = attempt.registration
        results = [
            s for s in query_statements(session, registration=registration) if s["verb"]["id"] == Verb.PASSED
        ]
    assert len(results) == 1
    assert results[0]["result"]["score"]["scaled"] == 1.0 and results[0]["result"]["success"] is True


def test_a_refused_grade_shows_each_message_under_its_field(app, client, auth, make_pair) -> None:
    mentor, mentee = make_pair()
    response_id = _essay(app, mentee)
    auth.login(mentor.email)
    url = f"/mentoring/grading/{response_id}"
    page = client.get(url).get_data(as_text=True)
    too_long = "Good. " * 400  # 2400 characters
    refused = client.post(
        url,
        data={"csrf_token": csrf_token_from(page), "rating-objection-handling": "4", "feedback": too_long},
    )
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    tree = lxml.html.fromstring(html)
    assert tree.findtext(".//title").startswith("Error: ")
    assert not tree.xpath("//div[contains(@class, 'flash')]")  # at the fields, not in a banner
    ratings = tree.get_element_by_id("rating-empathy")
    assert ratings.tag == "fieldset" and ratings.get("aria-describedby") == "rating-empathy-error"
    assert ratings.get_element_by_id("rating-empathy-error").text_content().strip() == (
        "Rate empathy from 1 to 4."
    )
    feedback = tree.get_element_by_id("feedback")
    # (a browser drops the newline that opens a textarea)
    assert feedback.get("aria-invalid") == "true" and feedback.text_content().removeprefix("\n") == too_long
    assert tree.get_element_by_id("feedback-error").text_content().strip() == (
        "Write at most 2000 characters of feedback."
    )
    summary = {a.get("href"): a.text_content() for a in tree.xpath("//div[@class='error-summary']//a")}
    assert summary == {
        "#rating-empathy": "Empathy: Rate empathy from 1 to 4.",
        "#feedback": "Feedback: Write at most 2000 characters of feedback.",
    }
    # what was given stays given
    assert tree.xpath("//input[@name='rating-objection-handling' and @checked]/@value") == ["4"]
    assert "rating-objection-handling-error" not in html
    # a rating that is not one of the four is refused at its field too
    tampered = client.post(
        url,
        data={
            "csrf_token": csrf_token_from(page),
            "rating-objection-handling": "9",
            "rating-empathy": "2",
        },
    )
    assert tampered.status_code == 400
    error = lxml.html.fromstring(tampered.get_data(as_text=True)).get_element_by_id(
        "rating-objection-handling-error"
    )
    assert error.text_content().strip() == "Not a valid choice."
    with transaction(app) as session:
        assert session.get(Response, response_id).awaiting_review is True
        assert session.scalar(select(EvidenceRow.id).limit(1)) is None
