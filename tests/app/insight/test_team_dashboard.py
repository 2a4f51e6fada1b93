"""The lead's dashboard: figures per competency, only learners counted, a person page without notes,
assigning modules from the page, the reminders of the daily digest and the CSV of each table."""

from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.accounts.models import User
from app.database import get_db
from app.insight.team import team_dashboard, week_ends
from app.mentoring import content
from app.mentoring.models import Notification
from app.mentoring.progress import learner_key
from assessments.evidence import EvidenceItem
from assessments.mastery_store import record_evidence
from tests.app.insight.test_item_analysis_pages import _sign_in
from tests.app.populated import populate
from tests.conftest import csrf_token_from

COMPETENCY = "empathy"


def _evidence(user: Any, value: float, at: datetime, n: int = 4) -> list[EvidenceItem]:
    return [
        EvidenceItem(
            learner_key(user),
            COMPETENCY,
            value,
            1.0,
            at + timedelta(minutes=i),
            str(uuid.uuid4()),
            "http://adlnet.gov/expapi/verbs/passed",
            "http://localhost/xapi/activities/quizzes/q",
        )
        for i in range(n)
    ]


def test_competency_figures_count_learners_only(app: Flask, create_user: Any) -> None:
    strong = create_user("learner", team="Blue", name="Strong")
    weak = create_user("learner", team="Blue", name="Weak")
    create_user("learner", team="Blue", name="Untested")
    mentor = create_user("mentor", team="Blue", name="Mentor")  # in the team, not a learner
    create_user("learner", team="Green", name="Elsewhere")
    today = datetime.now(UTC).date()
    ten_days_ago = datetime.now(UTC) - timedelta(days=10)
    with get_db(app).transaction() as session:
        record_evidence(
            session,
            _evidence(strong, 1.0, ten_days_ago)
            + _evidence(weak, 0.0, ten_days_ago)
            + _evidence(mentor, 0.0, ten_days_ago),
        )
        team_id = session.get(User, strong.id).team_id
        framework = content.framework(session)
        board = team_dashboard(session, team_id, framework, today=today, weekly_for=None)
        assert team_dashboard(session, team_id, framework, today=today).competency(COMPETENCY).weekly == ()
    assert [u.name for u in board.learners] == ["Strong", "Untested", "Weak"]
    empathy = board.competency(COMPETENCY)
    # estimates 1.0 and 0.0 (four pieces of evidence each, all equal): mean 0.5, population sd 0.5
    assert empathy.mean == pytest.approx(0.5) and empathy.spread == pytest.approx(0.5)
    assert (empathy.proficient, empathy.needs_work, empathy.no_evidence) == (1, 1, 1)
    assert [u.name for u, _ in empathy.people] == ["Weak", "Strong", "Untested"]  # weakest first
    assert empathy.is_weak and board.competencies[0].competency_id == COMPETENCY  # the only measured one
    # weeks ending before the evidence have no mean; the two weeks since have 0.5
    ends = week_ends(today)
    assert [end for end, _ in empathy.weekly] == ends
    assert [v for _, v in empathy.weekly] == [None, None, None, None, 0.5, 0.5]


@pytest.fixture
def populated(app: Flask) -> Any:
    return populate(app)


def test_the_lead_drills_from_a_competency_to_a_person_who_shows_no_notes(app, populated) -> None:
    lead = _sign_in(app, populated.email["lead"])
    team = lead.get("/mentoring/team").get_data(as_text=True)
    assert "Morgan Mentor" not in team.split('id="main"')[1].split("<footer")[0]
    competency = re.search(r'href="(/insight/team/competencies/[\w-]+)"', team).group(1)
    people = lead.get(competency).get_data(as_text=True)
    lina = populated.users["learner"]
    assert f"/insight/team/people/{lina.id}" in people
    page = lead.get(f"/insight/team/people/{lina.id}").get_data(as_text=True)
    assert "Lina Learner" in page and "Quiz results" in page and "Development plan" in page
    assert "Check in about the queue." not in page  # the mentor's private note
    assert "Good energy on calls." not in page  # notes are not a lead's business, shared or not
    csv_text = lead.get(f"/insight/team/people/{lina.id}.csv").get_data(as_text=True)
    assert "Check in about the queue." not in csv_text and "mastery" in csv_text


def test_a_lead_cannot_open_people_outside_their_team_or_non_learners(app, populated, create_user) -> None:
    other = create_user("lead", team="Green team")
    outsider = _sign_in(app, other.email)
    assert outsider.get(f"/insight/team/people/{populated.users['learner'].id}").status_code == 404
    lead = _sign_in(app, populated.email["lead"])
    assert lead.get(f"/insight/team/people/{populated.users['mentor'].id}").status_code == 404
    assert lead.get("/insight/team/competencies/no-such-skill").status_code == 404
    assert lead.get("/insight/team/nothing.csv").status_code == 404


def _assign(client: Any, data: dict[str, Any]) -> Any:
    token = csrf_token_from(client.get("/mentoring/team").get_data(as_text=True))
    return client.post("/insight/team/assignments", data={"csrf_token": token, **data})


def _assigned_to_me(client: Any) -> str:
    return (
        client.get("/learn/").get_data(as_text=True).split('id="assigned-heading"')[1].split("</section>")[0]
    )


def test_assigning_to_the_team_shows_on_my_learning_and_the_dashboard(app, populated) -> None:
    lead = _sign_in(app, populated.email["lead"])
    due = date.today() + timedelta(days=1)
    response = _assign(lead, {"modules": ["data-protection"], "who": "team", "due": due.isoformat()})
    assert response.status_code == 302
    for key in ("learner", "learner2"):
        mine = _assigned_to_me(_sign_in(app, populated.email[key]))
        assert "Data protection on calls" in mine and f"Due {due:%-d %b %Y}" in mine
    rows = list(csv.DictReader(io.StringIO(lead.get("/insight/team/assignments.csv").get_data(as_text=True))))
    assert sorted(r["learner"] for r in rows) == ["Lina Learner", "Luca Learner", "Sam Senior"]
    assert {r["status"] for r in rows} == {"not started"} and {r["due"] for r in rows} == {due.isoformat()}
    # the daily digest reminds every learner once, however often it runs
    runner = app.test_cli_runner()
    first = runner.invoke(args=["notify", "--no-email"])
    assert "3 assigned-module reminders added" in first.output
    assert "0 assigned-module reminders added" in runner.invoke(args=["notify", "--no-email"]).output
    with get_db(app).transaction() as session:
        notes = list(session.scalars(select(Notification).where(Notification.kind == "assignment-due")))
    assert {n.user_id for n in notes} == {populated.users[k].id for k in ("learner", "learner2", "both")}


def test_assigning_to_chosen_people_reaches_only_them(app, populated) -> None:
    lead = _sign_in(app, populated.email["lead"])
    luca = populated.users["learner2"]
    response = _assign(
        lead, {"modules": ["difficult-callers", "data-protection"], "who": "people", "people": [str(luca.id)]}
    )
    assert response.status_code == 302
    assert "Data protection on calls" in _assigned_to_me(_sign_in(app, populated.email["learner2"]))
    assert "Data protection on calls" not in _assigned_to_me(_sign_in(app, populated.email["learner"]))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"who": "team"}, "Choose at least one module."),
        ({"modules": ["data-protection"], "who": "people"}, "Tick at least one person"),
        ({"modules": ["no-such-module"], "who": "team"}, "is not a valid choice"),
        ({"modules": ["data-protection"], "who": "team", "due": "tomorrow"}, "Not a valid date value."),
    ],
)
def test_bad_assignments_are_refused_with_a_message(app, populated, data, message) -> None:
    lead = _sign_in(app, populated.email["lead"])
    response = _assign(lead, data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_erasing_a_person_deletes_the_modules_assigned_to_them_alone(app, populated) -> None:
    from app.erasure import erase_person
    from app.insight.models import PersonAssignment

    lead = _sign_in(app, populated.email["lead"])
    luca = populated.users["learner2"]
    _assign(lead, {"modules": ["data-protection"], "who": "people", "people": [str(luca.id)]})
    with get_db(app).transaction() as session:
        assert session.scalars(select(PersonAssignment).where(PersonAssignment.user_id == luca.id)).all()
        summary = erase_person(session, session.get(User, luca.id))
        assert summary["erase_assignments"] == {"assignments": 1}
        assert not session.scalars(select(PersonAssignment).where(PersonAssignment.user_id == luca.id)).all()
