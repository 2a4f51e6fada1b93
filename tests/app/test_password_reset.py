from __future__ import annotations

import email
import re

import pytest
from sqlalchemy import select

from app.accounts.models import AuditEvent
from tests.conftest import csrf_token_from
from tests.smtp_sink import running_smtp_sink


@pytest.fixture
def smtp(app):
    with running_smtp_sink() as server:
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=server.server_address[1], MAIL_FROM="elearn@test")
        yield server


def _ask_for_reset(client, address):
    token = csrf_token_from(client.get("/password/forgot").get_data(as_text=True))
    return client.post("/password/forgot", data={"csrf_token": token, "email": address})


def _link_in(raw: bytes) -> str:
    body = email.message_from_bytes(raw).get_payload(decode=True).decode()
    return re.search(r"https?://\S+(/password/reset/\S+)", body).group(1)


def test_without_smtp_the_page_sends_people_to_an_admin(client):
    page = client.get("/password/forgot").get_data(as_text=True)
    assert "Ask an admin" in page and "<form" not in page.split("<main")[1]


def test_reset_link_changes_the_password_once(client, auth, create_user, smtp, session):
    user = create_user("learner")
    response = _ask_for_reset(client, user.email)
    assert response.status_code == 302
    assert len(smtp.messages) == 1
    link = _link_in(smtp.messages[0])
    page = client.get(link)
    assert page.status_code == 200
    token = csrf_token_from(page.get_data(as_text=True))
    weak = client.post(link, data={"csrf_token": token, "password": "short", "confirm": "short"})
    assert weak.status_code == 400 and "at least 10 characters" in weak.get_data(as_text=True)
    done = client.post(
        link,
        data={"csrf_token": token, "password": "a-brand-new-passphrase", "confirm": "a-brand-new-passphrase"},
    )
    assert done.status_code == 302
    assert auth.login(user.email, "a-brand-new-passphrase").status_code == 302
    auth.logout()
    again = client.get(link)
    assert again.status_code == 302 and "/password/forgot" in again.headers["Location"]
    assert session.scalar(select(AuditEvent.action).where(AuditEvent.target == user.email)) == (
        "user.password_reset_by_email"
    )


def test_unknown_address_gets_the_same_answer_and_no_mail(client, smtp):
    response = _ask_for_reset(client, "nobody@example.test")
    assert response.status_code == 302
    assert "If that address has an account" in client.get("/login").get_data(as_text=True)
    assert smtp.messages == []


def test_a_forged_token_is_refused(client, smtp):
    response = client.get("/password/reset/not-a-real-token")
    assert response.status_code == 302 and "/password/forgot" in response.headers["Location"]
