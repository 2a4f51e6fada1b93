from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.mentoring.models import FollowUp, Relationship
from app.mentoring.relationships import MentoringError, enrol_mentee, enrol_mentor, match, suggest_mentors
from tests.app.mentoring.conftest import transaction
from tests.conftest import csrf_token_from


def _add_followup(app, mentee, status="submitted"):  # type: ignore[no-untyped-def]
    with transaction(app) as session:
        relation = session.scalar(select(Relationship).where(Relationship.mentee_id == mentee.id))
        followup = FollowUp(
            relationship_id=relation.id,
            competency_id="empathy",
            kind="exposure",
            title="Role-play",
            instructions="",
            completes="done",
            effort_minutes=30,
            status=status,
            reflection="I practised.",
            mentor_feedback="",
        )
        session.add(followup)
        session.flush()
        return followup.id


def _note(client, mentee, body, visibility):  # type: ignore[no-untyped-def]
    page = client.get(f"/mentoring/mentees/{mentee.id}").get_data(as_text=True)
    client.post(
        f"/mentoring/mentees/{mentee.id}/notes",
        data={"csrf_token": csrf_token_from(page), "body": body, "visibility": visibility},
    )


def test_a_mentor_cannot_reach_another_mentors_mentee(app, client, auth, make_pair, send_evidence) -> None:
    _mentor_a, mentee_a = make_pair()
    mentor_b, _mentee_b = make_pair()
    send_evidence(mentee_a, "empathy", [0.5])
    followup_id = _add_followup(app, mentee_a)
    auth.login(mentor_b.email)
    for url in (
        f"/mentoring/mentees/{mentee_a.id}",
        f"/mentoring/mentees/{mentee_a.id}/mastery.json",
        f"/mentoring/mentees/{mentee_a.id}/evidence/empathy",
        f"/mentoring/mentees/{mentee_a.id}/checkin.ics",
        f"/mentoring/mentees/{mentee_a.id}/plan/propose",
    ):
        assert client.get(url).status_code == 404, url
    token = csrf_token_from(client.get("/mentoring/").get_data(as_text=True))
    assert (
        client.post(
            f"/mentoring/followups/{followup_id}/confirm", data={"csrf_token": token, "rating": "4"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/mentoring/mentees/{mentee_a.id}/notes", data={"csrf_token": token, "body": "x"}
        ).status_code
        == 404
    )
    assert mentee_a.name not in client.get("/mentoring/").get_data(as_text=True)


def test_private_notes_are_seen_by_their_author_only(app, client, auth, make_pair, create_user) -> None:
    mentor, mentee = make_pair(team="Blue")
    auth.login(mentor.email)
    _note(client, mentee, "Private: seems stressed about targets", "private")
    _note(client, mentee, "Shared: practise the pause", "shared")
    page = client.get(f"/mentoring/mentees/{mentee.id}").get_data(as_text=True)
    assert "seems stressed" in page and "practise the pause" in page
    auth.logout()

    auth.login(mentee.email)
    plan = client.get("/mentoring/my-plan").get_data(as_text=True)
    assert "practise the pause" in plan and "seems stressed" not in plan
    auth.logout()

    lead = create_user("lead", team="Blue")
    auth.login(lead.email)
    pages = (
        "/insight/team/people",
        f"/insight/team/people/{mentee.id}",
        f"/insight/team/people/{mentee.id}.csv",
    )
    for url in (*pages, "/mentoring/team.csv", "/mentoring/relationships"):
        body = client.get(url).get_data(as_text=True)
        assert mentee.name in body, url
        assert "seems stressed" not in body and "practise the pause" not in body, url
    dashboard = client.get("/mentoring/team").get_data(as_text=True)
    assert "seems stressed" not in dashboard and "practise the pause" not in dashboard
    assert client.get(f"/mentoring/mentees/{mentee.id}").status_code == 403


def test_a_learner_cannot_complete_someone_elses_follow_up(app, client, auth, make_pair, create_user) -> None:
    _mentor, mentee = make_pair()
    followup_id = _add_followup(app, mentee, status="assigned")
    other = create_user("learner")
    auth.login(other.email)
    token = csrf_token_from(client.get("/mentoring/my-plan").get_data(as_text=True))
    response = client.post(
        f"/mentoring/my-plan/followups/{followup_id}/done",
        data={"csrf_token": token, "reflection": "Not mine but let me try."},
    )
    assert response.status_code == 404
    assert "Role-play" not in client.get("/mentoring/my-plan").get_data(as_text=True)


def test_leads_see_only_their_team(app, client, auth, make_pair, create_user) -> None:
    _m1, blue = make_pair(team="Blue")
    _m2, green = make_pair(team="Green")
    lead = create_user("lead", team="Blue")
    auth.login(lead.email)
    team = client.get("/insight/team/people").get_data(as_text=True)
    assert blue.name in team and green.name not in team
    assert client.get(f"/insight/team/people/{green.id}").status_code == 404
    csv_text = client.get("/mentoring/team.csv").get_data(as_text=True)
    assert blue.email in csv_text and green.email not in csv_text
    token = csrf_token_from(team)
    assert (
        client.post(
            "/mentoring/relationships/mentees", data={"csrf_token": token, "user": str(green.id)}
        ).status_code
        == 404
    )


def test_a_mentees_own_lead_is_never_their_mentor(app, create_user) -> None:
    lead = create_user("lead", "mentor", team="Blue")
    outsider = create_user("mentor", team="Red")
    learner = create_user("learner", team="Blue")
    with transaction(app) as session:
        lead_u, outsider_u, learner_u = (session.get(User, u.id) for u in (lead, outsider, learner))
        enrol_mentor(session, lead_u, capacity=3, strengths=["empathy"])
        enrol_mentor(session, outsider_u, capacity=1, strengths=[])
        enrol_mentee(session, learner_u)
        assert [s.mentor.id for s in suggest_mentors(session, learner_u, ["empathy"])] == [outsider.id]
        with pytest.raises(MentoringError, match="leads"):
            match(session, lead_u, learner_u)
        match(session, outsider_u, learner_u)
        second = session.get(User, create_learner(session).id)
        enrol_mentee(session, second)
        with pytest.raises(MentoringError, match="no capacity"):
            match(session, outsider_u, second)


def create_learner(session):  # type: ignore[no-untyped-def]
    from app.accounts import create_user

    return create_user(
        session, email="second@example.test", name="Second", password="x", check_strength=False
    )


def test_suggestions_rank_strengths_where_the_mentee_is_weak(app, create_user) -> None:
    a, b = create_user("mentor"), create_user("mentor")
    learner = create_user("learner")
    with transaction(app) as session:
        enrol_mentor(session, session.get(User, a.id), capacity=2, strengths=["call-opening"])
        enrol_mentor(
            session, session.get(User, b.id), capacity=2, strengths=["objection-handling", "empathy"]
        )
        ranked = suggest_mentors(session, session.get(User, learner.id), ["objection-handling", "empathy"])
    assert [(s.mentor.id, s.score) for s in ranked] == [(b.id, 2), (a.id, 0)]
