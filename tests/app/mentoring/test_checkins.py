from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar
from sqlalchemy import select

from app.accounts.models import User
from app.mentoring.checkins import build_agenda, icalendar, next_checkin
from app.mentoring.models import FollowUp, Relationship
from app.mentoring.progress import CompetencyStatus
from assessments.mastery import Assessment, Level, Trend
from tests.app.mentoring.conftest import transaction
from tests.conftest import csrf_token_from


def _followup(**values) -> FollowUp:  # type: ignore[no-untyped-def]
    base = {
        "competency_id": "empathy",
        "kind": "experience",
        "title": "Practise",
        "effort_minutes": 60,
        "status": "assigned",
        "completes": "",
        "instructions": "",
        "reflection": "",
        "mentor_feedback": "",
    }
    return FollowUp(**{**base, **values})


def _status(cid: str, estimate: float, level: Level, previous: float | None = None) -> CompetencyStatus:
    return CompetencyStatus(cid, cid.title(), 0.75, Assessment(estimate, 5, level, Trend.STEADY), previous)


def test_agenda_lists_overdue_to_confirm_weak_spots_and_wins() -> None:
    today = date(2026, 5, 10)
    since = datetime(2026, 5, 1, tzinfo=UTC)
    followups = [
        _followup(title="Late one", due_date=date(2026, 5, 1)),
        _followup(title="Ready", status="submitted"),
        _followup(title="Done", status="confirmed", confirmed_at=datetime(2026, 5, 5, tzinfo=UTC)),
    ]
    statuses = [
        _status("empathy", 0.5, Level.NEEDS_WORK),
        _status("call-opening", 0.4, Level.NEEDS_WORK),
        _status("data-protection", 0.95, Level.PROFICIENT, previous=0.7),
    ]
    agenda = build_agenda(followups, statuses, today=today, since=since)
    assert [f.title for f in agenda.overdue] == ["Late one"]
    assert [f.title for f in agenda.to_confirm] == ["Ready"]
    assert [s.competency_id for s in agenda.new_weak_spots] == [
        "call-opening"
    ]  # empathy already has a follow-up
    assert agenda.wins == ("Completed “Done”", "Data-Protection is now proficient")


def test_next_checkin_moves_on_by_the_cadence() -> None:
    now = datetime(2026, 5, 10, 9, tzinfo=UTC)
    relation = Relationship(cadence="weekly", next_checkin_at=datetime(2026, 4, 30, 9, tzinfo=UTC))
    assert next_checkin(relation, now) == datetime(2026, 5, 14, 9, tzinfo=UTC)


def _event(text: str) -> Any:
    [event] = Calendar.from_ical(text).walk("VEVENT")
    return event


def test_icalendar_has_recurrence_duration_and_escaped_folded_agenda() -> None:
    relation = Relationship(id=7, cadence="fortnightly", checkin_minutes=45)
    mentor = User(name="Morgan, Mentor", email="m@example.test")
    mentee = User(name="Lina", email="l@example.test")
    agenda = build_agenda(
        [_followup(title="Handle objections; five calls " + "x" * 80, due_date=date(2020, 1, 1))],
        [],
        today=date(2026, 1, 1),
        since=datetime(2026, 1, 1, tzinfo=UTC),
    )
    text = icalendar(relation, mentor, mentee, agenda, start=datetime(2026, 6, 1, 9, 30, tzinfo=UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20260601T093000Z\r\n" in text and "DURATION:PT45M\r\n" in text
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2\r\n" in text
    assert "SUMMARY:Mentoring check-in: Morgan\\, Mentor and Lina" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "Overdue: Handle objections\\; five calls" in unfolded
    event = _event(text)
    assert event["description"].startswith("Overdue: Handle objections; five calls " + "x" * 80)
    assert event["organizer"].params["CN"] == "Morgan, Mentor"


def test_icalendar_keeps_a_hostile_name_inside_its_own_value() -> None:
    relation = Relationship(id=7, cadence="weekly", checkin_minutes=30)
    mentor = User(name="Morgan\r\nATTENDEE:mailto:spy@evil.example", email="m@example.test")
    mentee = User(name='Lina";X-EVIL=1:\r\nEND:VEVENT', email="l@example.test")
    agenda = build_agenda([], [], today=date(2026, 1, 1), since=datetime(2026, 1, 1, tzinfo=UTC))

    text = icalendar(relation, mentor, mentee, agenda, start=datetime(2026, 6, 1, 9, 30, tzinfo=UTC))

    assert "\r" not in text.replace("\r\n", "")
    names = [re.match(r"[A-Z-]+", line).group() for line in text.split("\r\n")[:-1] if line[:1] != " "]
    assert names.count("ATTENDEE") == 1 and names.count("END") == 2 and "X-EVIL" not in names
    event = _event(text)
    assert str(event["attendee"]) == "mailto:l@example.test"
    assert event["summary"].startswith("Mentoring check-in: Morgan\nATTENDEE:mailto:spy@evil.example and")
    assert event["organizer"].params["CN"] == "Morgan\nATTENDEE:mailto:spy@evil.example"
    assert event["attendee"].params["CN"] == 'Lina";X-EVIL=1:\nEND:VEVENT'


def test_ics_download(app, client, auth, make_pair) -> None:
    mentor, mentee = make_pair()
    with transaction(app) as session:
        relation = session.scalar(select(Relationship))
        relation.next_checkin_at = datetime.now(UTC) + timedelta(days=3)
    auth.login(mentor.email)
    response = client.get(f"/mentoring/mentees/{mentee.id}/checkin.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    attendee = _event(response.get_data(as_text=True))["attendee"]
    assert str(attendee) == f"mailto:{mentee.email}"
    assert attendee.params["CN"] == mentee.name and attendee.params["ROLE"] == "REQ-PARTICIPANT"


def test_a_checkin_length_that_is_not_an_ascii_number_is_refused_not_a_500(app, client, auth, make_pair):
    mentor, mentee = make_pair()
    auth.login(mentor.email)
    token = csrf_token_from(client.get(f"/mentoring/mentees/{mentee.id}").text)
    for minutes in ("²", "99999999999999999999", "-45"):
        form = {"cadence": "weekly", "minutes": minutes, "csrf_token": token}
        response = client.post(f"/mentoring/mentees/{mentee.id}/checkin", data=form)
        assert response.status_code == 400, minutes  # refused at its field, the page shown again
        assert 'role="alert"' in response.text
    with transaction(app) as session:
        assert 30 <= session.scalar(select(Relationship)).checkin_minutes <= 60
