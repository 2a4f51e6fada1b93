from __future__ import annotations

from sqlalchemy import select

from app.mentoring.models import Enrolment, Relationship
from tests.app.mentoring.conftest import transaction
from tests.conftest import csrf_token_from


def test_admin_enrols_suggests_and_pairs(app, client, auth, create_user, send_evidence) -> None:
    strong = create_user("mentor", name="Sam Strong")
    other = create_user("mentor", name="Olly Other")
    learner = create_user("learner", name="Lina Learner", team="Blue")
    send_evidence(learner, "objection-handling", [0.1, 0.2, 0.3])
    auth.login_as("admin")
    page = client.get("/mentoring/relationships").get_data(as_text=True)
    token = csrf_token_from(page)
    client.post(
        "/mentoring/relationships/mentors",
        data={"csrf_token": token, "user": strong.id, "capacity": "3", "strengths": ["objection-handling"]},
    )
    client.post(
        "/mentoring/relationships/mentors",
        data={"csrf_token": token, "user": other.id, "capacity": "3", "strengths": ["empathy"]},
    )
    response = client.post("/mentoring/relationships/mentees", data={"csrf_token": token, "user": learner.id})
    assert response.status_code == 302 and f"mentee={learner.id}" in response.headers["Location"]
    page = client.get(f"/mentoring/relationships?mentee={learner.id}").get_data(as_text=True)
    suggestions = page.split("Suggested mentors for Lina Learner", 1)[1]
    assert suggestions.index("Sam Strong: strong in Handling objections") < suggestions.index("Olly Other")
    client.post(
        "/mentoring/relationships",
        data={
            "csrf_token": token,
            "mentee": learner.id,
            "mentor": strong.id,
            "cadence": "weekly",
            "minutes": "45",
        },
    )
    with transaction(app) as session:
        relation = session.scalar(select(Relationship))
        assert (relation.mentor_id, relation.mentee_id, relation.cadence, relation.checkin_minutes) == (
            strong.id,
            learner.id,
            "weekly",
            45,
        )
        assert session.scalar(select(Enrolment).where(Enrolment.user_id == strong.id)).strength_ids == [
            "objection-handling"
        ]
    assert "Sam Strong – Lina Learner" in client.get("/mentoring/relationships").get_data(as_text=True)


def test_pairing_refusals_are_shown(app, client, auth, create_user) -> None:
    mentor = create_user("mentor")
    learner = create_user("learner")
    auth.login_as("admin")
    token = csrf_token_from(client.get("/mentoring/relationships").get_data(as_text=True))
    client.post(
        "/mentoring/relationships", data={"csrf_token": token, "mentee": learner.id, "mentor": mentor.id}
    )
    page = client.get("/mentoring/relationships").get_data(as_text=True)
    assert "enrol both people first" in page
    with transaction(app) as session:
        assert session.scalar(select(Relationship)) is None
