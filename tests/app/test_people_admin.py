from __future__ import annotations

from sqlalchemy import select

from app.accounts import User
from app.accounts.models import AuditEvent
from tests.conftest import csrf_token_from


def _token(client, path):
    return csrf_token_from(client.get(path).get_data(as_text=True))


def test_only_admins_reach_the_people_pages(client, auth):
    auth.login_as("learner", "mentor", "lead")
    assert client.get("/admin/users/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/admin/users/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_admin_creates_a_user_and_it_is_audited(client, auth, session):
    admin = auth.login_as("admin")
    response = client.post(
        "/admin/users/",
        data={
            "csrf_token": _token(client, "/admin/users/"),
            "email": "new@example.test",
            "name": "New Agent",
            "roles": ["learner"],
            "team": "Red",
            "password": "a-long-and-fine-passphrase",
        },
    )
    assert response.status_code == 302
    user = session.scalar(select(User).where(User.email == "new@example.test"))
    assert user.roles == {"learner"} and user.team.name == "Red"
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "user.create"))
    assert event.actor == admin.email and event.target == "new@example.test"


def test_admin_create_with_weak_password_shows_the_reason(client, auth, session):
    auth.login_as("admin")
    response = client.post(
        "/admin/users/",
        data={
            "csrf_token": _token(client, "/admin/users/"),
            "email": "weak@example.test",
            "name": "Weak",
            "roles": ["learner"],
            "password": "short",
        },
    )
    assert response.status_code == 400
    assert "at least 10 characters" in response.get_data(as_text=True)
    assert session.scalar(select(User).where(User.email == "weak@example.test")) is None


def test_admin_changes_roles_and_resets_password(client, auth, create_user, session):
    auth.login_as("admin")
    agent = create_user("learner")
    path = f"/admin/users/{agent.id}"
    response = client.post(
        path,
        data={
            "csrf_token": _token(client, path),
            "name": "Renamed",
            "roles": ["learner", "mentor"],
            "team": "",
        },
    )
    assert response.status_code == 302
    reset = client.post(
        f"{path}/password", data={"csrf_token": _token(client, path), "password": "a-brand-new-passphrase"}
    )
    assert reset.status_code == 302
    auth.logout()
    assert auth.login(agent.email, "a-brand-new-passphrase").status_code == 302
    actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["user.update", "user.password_reset"]
    assert session.get(User, agent.id).roles == {"learner", "mentor"}


def test_erasure_needs_the_email_typed_and_anonymises_the_account(client, auth, create_user, session):
    auth.login_as("admin")
    agent = create_user("learner")
    path = f"/admin/users/{agent.id}"
    client.post(f"{path}/erase", data={"csrf_token": _token(client, path), "confirm": "someone@else.test"})
    assert session.get(User, agent.id).email == agent.email
    response = client.post(f"{path}/erase", data={"csrf_token": _token(client, path), "confirm": agent.email})
    assert response.status_code == 302
    session.expire_all()
    erased = session.get(User, agent.id)
    assert erased.email.endswith("@erased.invalid") and erased.name == "Erased user" and not erased.is_active
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "user.erase"))
    assert agent.email not in event.details


def test_a_weak_initial_password_is_reported_under_the_password_field(client, auth):
    auth.login_as("admin")
    response = client.post(
        "/admin/users/",
        data={
            "csrf_token": _token(client, "/admin/users/"),
            "email": "short@example.test",
            "name": "Short Password",
            "roles": ["learner"],
            "password": "short",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    password = html.split('for="password"')[1].split('class="mb-3')[0]
    email = html.split('for="email"')[1].split('for="name"')[0]
    assert 'id="password-error"' in password and "invalid-feedback" not in email
