"""A "three drills on objection handling this week" follow-up completes itself."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

import courses
from app.database import get_db
from app.learner import drills
from app.mentoring.models import FollowUp, Notification
from tests.app.mentoring.conftest import transaction
from tests.conftest import csrf_token_from
from tests.learner.conftest import CONTENT
from tests.learner.drilling import run_drill


def followup(app: Flask) -> FollowUp:
    with transaction(app) as session:
        row = session.scalars(select(FollowUp)).one()
        session.expunge(row)
        return row


def practises(app: Flask, items: list[dict[str, Any]], competency: str) -> bool:
    with get_db(app).transaction() as session:
        return any(
            competency in {ref.id for ref in drills.question_of(session, item).competencies} for item in items
        )


def test_the_follow_up_is_confirmed_by_the_third_drill_on_its_competency(
    app: Flask, client: Any, auth: Any, make_pair: Any
) -> None:
    with transaction(app) as session:
        assert courses.build_content(session, CONTENT).ok
    mentor, mentee = make_pair()
    auth.login(mentor.email)
    page = client.get(f"/mentoring/mentees/{mentee.id}/plan/propose").get_data(as_text=True)
    response = client.post(
        f"/mentoring/mentees/{mentee.id}/plan",
        data={"csrf_token": csrf_token_from(page), "activity": ["oh-drills"], "effort-oh-drills": "10"},
    )
    assert response.status_code == 302
    assigned = followup(app)
    assert (assigned.kind, assigned.module_id, assigned.status) == ("education", None, "assigned")

    on_competency = 0
    for seed in range(60):
        items = run_drill(app, mentee, seed=seed)
        on_competency += practises(app, items, "objection-handling")
        status = followup(app).status
        assert (status == "confirmed") == (on_competency >= 3), (seed, on_competency, status)
        if on_competency == 3:
            break
    assert on_competency == 3
    with transaction(app) as session:
        kinds = set(session.scalars(select(Notification.kind).where(Notification.user_id == mentor.id)))
    assert "drills-completed" in kinds
    page = client.get(f"/mentoring/mentees/{mentee.id}").get_data(as_text=True)
    assert "Practice" in page and "Handling objections" in page
