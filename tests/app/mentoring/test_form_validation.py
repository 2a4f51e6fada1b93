"""Every mentoring form refuses bad input with a message at its field, and saves nothing: no text clipped
to fit, no impossible date dropped, no bad number replaced by a default, no follow-up assigned twice."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import func, select

from app.mentoring.models import Enrolment, FollowUp, Goal, Note, Relationship
from tests.app.mentoring.conftest import assign_own_item, transaction
from tests.conftest import csrf_token_from

ROLEPLAY = "oh-roleplay-price"  # an experience activity of the sample playbook


@pytest.fixture
def mentor_client(client, auth, make_pair):
    mentor, mentee = make_pair()
    auth.login(mentor.email)
    client.mentee = mentee
    return client


def post(client, path: str, data: dict, page: str | None = None):
    token = csrf_token_from(client.get(page or "/mentoring/").text)
    return client.post(path, data={"csrf_token": token, **data})


def errors_at(page: str) -> list[str]:
    return [
        html.unescape(m)
        for m in re.findall(r'<p class="invalid-feedback d-block" role="alert">([^<]*)</p>', page)
    ]


def count(app, model) -> int:
    with transaction(app) as session:
        return session.scalar(select(func.count()).select_from(model))


def followups(app) -> list[FollowUp]:
    with transaction(app) as session:
        return list(session.scalars(select(FollowUp).order_by(FollowUp.id)))


def test_a_goal_of_501_characters_is_refused_at_its_field(app, mentor_client):
    path = f"/mentoring/mentees/{mentor_client.mentee.id}/goals"
    refused = post(mentor_client, path, {"text": "g" * 501})
    assert refused.status_code == 400
    assert errors_at(refused.text) == ["Field cannot be longer than 500 characters."]
    assert count(app, Goal) == 0
    assert post(mentor_client, path, {"text": "g" * 500}).status_code == 302
    with transaction(app) as session:
        assert len(session.scalars(select(Goal.text)).one()) == 500


def test_an_impossible_target_date_is_refused_not_dropped(app, mentor_client):
    path = f"/mentoring/mentees/{mentor_client.mentee.id}/goals"
    refused = post(mentor_client, path, {"text": "Handle price objections calmly", "target": "2027-02-30"})
    assert refused.status_code == 400
    assert errors_at(refused.text) == ["Enter a real date (year-month-day)."]
    assert count(app, Goal) == 0


def test_a_million_character_note_is_refused_not_cut(app, mentor_client):
    path = f"/mentoring/mentees/{mentor_client.mentee.id}/notes"
    refused = post(mentor_client, path, {"body": "n" * 1_000_000, "visibility": "private"})
    assert refused.status_code == 400
    assert errors_at(refused.text) == ["Field cannot be longer than 8000 characters."]
    assert count(app, Note) == 0


def test_a_note_needs_a_known_visibility(app, mentor_client):
    path = f"/mentoring/mentees/{mentor_client.mentee.id}/notes"
    refused = post(mentor_client, path, {"body": "Good call on Tuesday", "visibility": "everyone"})
    assert refused.status_code == 400
    assert errors_at(refused.text) == ["Not a valid choice."]
    assert count(app, Note) == 0


def _assign(client, data: dict):
    mentee = client.mentee
    page = f"/mentoring/mentees/{mentee.id}/plan/propose"
    return post(client, f"/mentoring/mentees/{mentee.id}/plan", data, page=page)


@pytest.mark.parametrize(
    ("effort", "message"),
    [
        ("-5", "Enter an effort from 1 to 2400 minutes."),
        ("0", "Enter an effort from 1 to 2400 minutes."),
        ("99999999999999999999", "Enter an effort from 1 to 2400 minutes."),
        ("ninety", "Enter a whole number."),
        ("", "Enter the effort in minutes."),
    ],
)
def test_a_bad_effort_is_refused_not_turned_into_the_playbook_default(app, mentor_client, effort, message):
    refused = _assign(mentor_client, {"activity": ROLEPLAY, f"effort-{ROLEPLAY}": effort})
    assert refused.status_code == 400
    assert errors_at(refused.text) == [message]
    assert followups(app) == []


def test_an_impossible_due_date_on_a_follow_up_is_refused(app, mentor_client):
    data = {"activity": ROLEPLAY, f"effort-{ROLEPLAY}": "45", f"due-{ROLEPLAY}": "2027-13-01"}
    refused = _assign(mentor_client, data)
    assert refused.status_code == 400
    assert errors_at(refused.text) == ["Enter a real date (year-month-day)."]
    assert followups(app) == []


def test_the_effort_given_is_the_effort_stored(app, mentor_client):
    assert _assign(mentor_client, {"activity": ROLEPLAY, f"effort-{ROLEPLAY}": "45"}).status_code == 302
    assert [(f.activity_id, f.effort_minutes) for f in followups(app)] == [(ROLEPLAY, 45)]


def test_an_activity_not_in_the_playbook_is_refused(app, mentor_client):
    refused = _assign(mentor_client, {"activity": "no-such-activity", "effort-no-such-activity": "30"})
    assert refused.status_code == 400
    assert errors_at(refused.text) == ["'no-such-activity' is not a valid choice for this field."]
    assert followups(app) == []


def test_the_same_follow_up_cannot_be_assigned_twice_to_one_plan(app, mentor_client):
    data = {"activity": ROLEPLAY, f"effort-{ROLEPLAY}": "45"}
    assert _assign(mentor_client, data).status_code == 302
    again = _assign(mentor_client, data)
    assert again.status_code == 400
    [message] = errors_at(again.text)
    assert "is already in the plan and not confirmed yet" in message
    twice_in_one = _assign(mentor_client, {"activity": [ROLEPLAY, ROLEPLAY], f"effort-{ROLEPLAY}": "45"})
    assert errors_at(twice_in_one.text)[0] == "Tick each follow-up once."
    assert len(followups(app)) == 1


def test_the_mentors_own_follow_up_is_the_same_with_another_spelling_of_its_title(app, mentor_client):
    own = {"kind": "exposure", "competency": "objection-handling", "effort": "30", "completes": "notes"}
    mentee = mentor_client.mentee
    assert assign_own_item(mentor_client, mentee, title="Listen to two calls", **own).status_code == 302
    again = assign_own_item(mentor_client, mentee, title="  listen to TWO   calls ", **own)
    assert again.status_code == 400
    assert "is already in the plan" in errors_at(again.text)[0]
    other_competency = {**own, "competency": "empathy"}
    assert (
        assign_own_item(mentor_client, mentee, title="Listen to two calls", **other_competency).status_code
        == 302
    )
    assert len(followups(app)) == 2


def test_the_mentors_own_follow_up_refuses_a_bad_kind_and_effort_at_their_fields(app, mentor_client):
    refused = assign_own_item(
        mentor_client, mentor_client.mentee, title="Shadow", kind="explode", effort="-1", competency="empathy"
    )
    assert refused.status_code == 400
    assert errors_at(refused.text) == ["Not a valid choice.", "Enter an effort from 1 to 2400 minutes."]
    assert followups(app) == []


def test_check_in_length_out_of_range_is_refused_at_its_field(app, mentor_client):
    path = f"/mentoring/mentees/{mentor_client.mentee.id}/checkin"
    refused = post(mentor_client, path, {"cadence": "weekly", "minutes": "9999999999999999999999"})
    assert refused.status_code == 400
    assert errors_at(refused.text) == ["Choose a length between 30 and 60 minutes."]
    bad_time = post(mentor_client, path, {"cadence": "weekly", "minutes": "45", "next": "2027-02-30T10:00"})
    assert errors_at(bad_time.text) == ["Enter a real date and time."]
    with transaction(app) as session:
        assert session.scalars(select(Relationship.checkin_minutes)).one() == 30


def test_a_reflection_too_long_for_its_statement_is_refused(app, client, auth, make_pair):
    mentor, mentee = make_pair()
    auth.login(mentor.email)
    own = {"kind": "exposure", "competency": "empathy", "effort": "30", "completes": "notes"}
    assert assign_own_item(client, mentee, title="Listen to two calls", **own).status_code == 302
    auth.logout()
    auth.login(mentee.email)
    [followup] = followups(app)
    refused = post(client, f"/mentoring/my-plan/followups/{followup.id}/done", {"reflection": "r" * 2001})
    assert refused.status_code == 400
    assert errors_at(refused.text) == ["Write between 10 and 2000 characters."]
    assert followups(app)[0].status == "assigned"


def test_mentor_enrolment_refuses_a_capacity_out_of_range_and_unknown_strengths(
    app, client, auth, create_user
):
    auth.login_as("admin")
    person = create_user("mentor")
    path = "/mentoring/relationships/mentors"
    page = "/mentoring/relationships"
    refused = post(client, path, {"user": str(person.id), "capacity": "-3"}, page=page)
    assert refused.status_code == 400
    assert errors_at(refused.text) == ["Enter from 1 to 50 mentees."]
    unknown = post(
        client, path, {"user": str(person.id), "capacity": "3", "strengths": "juggling"}, page=page
    )
    assert unknown.status_code == 400
    assert errors_at(unknown.text) == ["'juggling' is not a valid choice for this field."]
    assert count(app, Enrolment) == 0
