from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from app.mentoring.models import FollowUp, Notification
from assessments.mastery_tables import MasteryRow
from learning_record_store import query_statements, record_statements
from learning_record_store.vocabulary import Verb
from tests.app.mentoring.conftest import assign_own_item, transaction
from tests.conftest import csrf_token_from

WEAK = [0.2, 0.3, 0.1, 0.25]


def _estimate(app, user, competency="objection-handling"):  # type: ignore[no-untyped-def]
    with transaction(app) as session:
        row = session.scalar(
            select(MasteryRow).where(
                MasteryRow.learner_key == f"account:{user.uid}", MasteryRow.competency_id == competency
            )
        )
        return (row.estimate, row.count) if row else (None, 0)


def _followups(app):  # type: ignore[no-untyped-def]
    with transaction(app) as session:
        rows = session.scalars(select(FollowUp).order_by(FollowUp.id)).all()
        session.expunge_all()
        return rows


def _complete_module(app, user, module_id):  # type: ignore[no-untyped-def]
    statement = {
        "id": str(uuid.uuid4()),
        "actor": {
            "objectType": "Agent",
            "name": user.name,
            "account": {"homePage": "http://localhost", "name": user.uid},
        },
        "verb": {"id": Verb.COMPLETED, "display": {"en-US": "completed"}},
        "object": {"objectType": "Activity", "id": f"http://localhost/xapi/activities/modules/{module_id}"},
        "result": {"completion": True},
        "timestamp": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
    }
    with transaction(app) as session:
        record_statements(session, [statement])


def test_weak_competency_to_confirmed_follow_ups(app, client, auth, make_pair, send_evidence) -> None:
    mentor, mentee = make_pair()
    send_evidence(mentee, "objection-handling", WEAK)
    auth.login(mentor.email)

    desk = client.get("/mentoring/").get_data(as_text=True)
    assert mentee.name in desk and "Needs work" in desk and "Handling objections" in desk

    page = client.get(f"/mentoring/mentees/{mentee.id}/plan/propose").get_data(as_text=True)
    proposed = re.findall(r'name="activity" value="([^"]+)" checked', page)
    assert "oh-roleplay-price" in proposed and "oh-module" in proposed
    response = client.post(
        f"/mentoring/mentees/{mentee.id}/plan",
        data={
            "csrf_token": csrf_token_from(page),
            "activity": proposed,
            "due-oh-module": "2030-01-31",
            **page_efforts(page),
        },
    )
    assert response.status_code == 302
    followups = {f.activity_id: f for f in _followups(app)}
    assert set(followups) == set(proposed)
    assert followups["oh-module"].due_date.isoformat() == "2030-01-31"
    with transaction(app) as session:
        assigned = query_statements(session, verb=Verb.ASSIGNED)
    assert len(assigned) == len(proposed)

    mentee_page = client.get(f"/mentoring/mentees/{mentee.id}").get_data(as_text=True)
    assert "Experience (70)" in mentee_page and "min planned" in mentee_page

    auth.logout()
    auth.login(mentee.email)
    plan = client.get("/mentoring/my-plan").get_data(as_text=True)
    assert "Role-play the price objection" in plan
    roleplay = followups["oh-roleplay-price"]
    response = client.post(
        f"/mentoring/my-plan/followups/{roleplay.id}/done",
        data={
            "csrf_token": csrf_token_from(plan),
            "reflection": "Asked what they expected to pay before answering.",
        },
    )
    assert response.status_code == 302
    _complete_module(app, mentee, "objection-handling")
    states = {f.activity_id: f.status for f in _followups(app)}
    assert states["oh-roleplay-price"] == "submitted" and states["oh-module"] == "confirmed"

    before, count_before = _estimate(app, mentee)
    auth.logout()
    auth.login(mentor.email)
    page = client.get(f"/mentoring/mentees/{mentee.id}").get_data(as_text=True)
    response = client.post(
        f"/mentoring/followups/{roleplay.id}/confirm",
        data={"csrf_token": csrf_token_from(page), "rating": "4", "feedback": "Good questions."},
    )
    assert response.status_code == 302
    after, count_after = _estimate(app, mentee)
    assert count_after == count_before + 1 and after > before
    assert {f.activity_id: f.status for f in _followups(app)}["oh-roleplay-price"] == "confirmed"
    with transaction(app) as session:
        kinds = {n.kind for n in session.scalars(select(Notification))}
    assert {"followup-assigned", "followup-submitted", "followup-confirmed", "education-completed"} <= kinds


def test_mentor_sends_back_and_mentee_resubmits(app, client, auth, make_pair) -> None:
    mentor, mentee = make_pair()
    auth.login(mentor.email)
    assign_own_item(
        client,
        mentee,
        title="Listen to three calls with me",
        kind="exposure",
        effort="45",
        competency="empathy",
        completes="three calls reviewed",
    )
    (own,) = _followups(app)
    assert (own.kind, own.effort_minutes, own.activity_id) == ("exposure", 45, None)
    auth.logout()
    auth.login(mentee.email)
    plan = client.get("/mentoring/my-plan").get_data(as_text=True)
    client.post(
        f"/mentoring/my-plan/followups/{own.id}/done",
        data={"csrf_token": csrf_token_from(plan), "reflection": "Listened to three calls."},
    )
    auth.logout()
    auth.login(mentor.email)
    page = client.get(f"/mentoring/mentees/{mentee.id}").get_data(as_text=True)
    client.post(
        f"/mentoring/followups/{own.id}/return",
        data={"csrf_token": csrf_token_from(page), "feedback": "Bring your notes."},
    )
    assert _followups(app)[0].status == "returned"
    with transaction(app) as session:
        assert len(query_statements(session, verb="https://elearn.example/xapi/verbs/returned")) == 1


def test_education_items_cannot_be_marked_done_by_hand(app, client, auth, make_pair) -> None:
    mentor, mentee = make_pair()
    auth.login(mentor.email)
    assign_own_item(
        client,
        mentee,
        title="Take the module",
        kind="education",
        effort="14",
        competency="objection-handling",
        module="objection-handling",
    )
    (item,) = _followups(app)
    auth.logout()
    auth.login(mentee.email)
    plan = client.get("/mentoring/my-plan").get_data(as_text=True)
    client.post(
        f"/mentoring/my-plan/followups/{item.id}/done",
        data={"csrf_token": csrf_token_from(plan), "reflection": "I did it, honestly."},
    )
    assert _followups(app)[0].status == "assigned"


def test_plan_education_items_appear_in_my_learning_assignments(app, make_pair) -> None:
    from app.learner.assignments import assignments_for
    from app.mentoring.models import Relationship

    _mentor, mentee = make_pair()
    with transaction(app) as session:
        relation = session.scalar(select(Relationship))
        session.add(
            FollowUp(
                relationship_id=relation.id,
                competency_id="empathy",
                kind="education",
                title="Module",
                instructions="",
                completes="",
                effort_minutes=11,
                module_id="difficult-callers",
                status="assigned",
                reflection="",
                mentor_feedback="",
            )
        )
    with transaction(app) as session:
        found = assignments_for(session, mentee)
    assert [(a.module_id, a.source) for a in found] == [("difficult-callers", "your mentor's plan")]


def page_efforts(page: str) -> dict[str, str]:
    """The effort fields as the proposal page fills them in (a browser sends them all)."""
    return dict(re.findall(r'name="(effort-[^"]+)"[^>]*value="(\d+)"', page))
