from __future__ import annotations

import email
import socketserver
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.mentoring.models import FollowUp, Notification, Relationship
from tests.app.mentoring.conftest import assign_own_item, transaction
from tests.smtp_sink import running_smtp_sink


@pytest.fixture
def smtp_sink() -> Iterator[socketserver.ThreadingTCPServer]:
    with running_smtp_sink() as server:
        yield server


def _assign_due(app, mentee, due: date) -> None:  # type: ignore[no-untyped-def]
    with transaction(app) as session:
        relation = session.scalar(select(Relationship).where(Relationship.mentee_id == mentee.id))
        session.add(
            FollowUp(
                relationship_id=relation.id,
                competency_id="empathy",
                kind="experience",
                title="Acknowledge five callers",
                instructions="",
                completes="notes",
                effort_minutes=90,
                status="assigned",
                due_date=due,
                reflection="",
                mentor_feedback="",
            )
        )


def test_notify_sends_one_digest_per_person_and_marks_them_emailed(app, make_pair, smtp_sink) -> None:
    runner = app.test_cli_runner()
    _mentor, mentee = make_pair()
    _assign_due(app, mentee, date.today() + timedelta(days=1))
    app.config.update(
        SMTP_HOST="127.0.0.1", SMTP_PORT=smtp_sink.server_address[1], MAIL_FROM="mentoring@elearn.test"
    )
    result = runner.invoke(args=["notify"])
    assert result.exit_code == 0, result.output
    assert "1 due-soon reminder added" in result.output and "1 digest sent" in result.output
    (raw,) = smtp_sink.messages  # type: ignore[attr-defined]
    message = email.message_from_bytes(raw)
    assert message["To"] == mentee.email and message["From"] == "mentoring@elearn.test"
    assert "Due soon" in message.get_payload() and "Acknowledge five callers" in message.get_payload()
    with transaction(app) as session:
        assert all(n.emailed_at is not None for n in session.scalars(select(Notification)))
    again = runner.invoke(args=["notify"])
    assert "0 due-soon reminders added" in again.output and "0 digests sent" in again.output
    assert len(smtp_sink.messages) == 1  # type: ignore[attr-defined]


def test_far_off_due_dates_are_not_reminded(app, make_pair) -> None:
    runner = app.test_cli_runner()
    _mentor, mentee = make_pair()
    _assign_due(app, mentee, date.today() + timedelta(days=10))
    result = runner.invoke(args=["notify", "--no-email"])
    assert "0 due-soon reminders added" in result.output


def test_in_app_notifications_and_mark_read(app, client, auth, make_pair) -> None:
    mentor, mentee = make_pair()
    auth.login(mentor.email)
    from tests.conftest import csrf_token_from

    assign_own_item(
        client,
        mentee,
        title="Shadow Sam",
        kind="exposure",
        effort="30",
        competency="empathy",
        completes="notes",
    )
    auth.logout()
    auth.login(mentee.email)
    inbox = client.get("/mentoring/notifications").get_data(as_text=True)
    unread = '<span class="badge rounded-pill text-bg-brand">new</span>'
    assert "New follow-up" in inbox and unread in inbox
    client.post("/mentoring/notifications/read", data={"csrf_token": csrf_token_from(inbox)})
    assert unread not in client.get("/mentoring/notifications").get_data(as_text=True)
