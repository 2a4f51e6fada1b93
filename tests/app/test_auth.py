from __future__ import annotations

from sqlalchemy import select

from app.accounts import User
from tests.conftest import csrf_token_from


def test_login_page_renders_a_csrf_protected_form(client):
    page = client.get("/login")
    assert page.status_code == 200
    assert 'name="csrf_token"' in page.get_data(as_text=True)


def test_login_with_right_password_signs_in(client, auth, create_user):
    user = create_user("learner")
    response = auth.login(user.email)
    assert response.status_code == 302
    assert client.get("/").headers["Location"] == "/learn/"  # learners land on My learning
    assert user.name in client.get("/", follow_redirects=True).get_data(as_text=True)


def test_login_with_wrong_password_fails_without_saying_which_part(client, auth, create_user):
    user = create_user("learner")
    wrong = auth.login(user.email, "not-the-password-at-all")
    unknown = auth.login("nobody@example.test", "not-the-password-at-all")
    assert wrong.status_code == unknown.status_code == 400
    message = "do not match an account"
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


def test_login_without_csrf_token_is_refused(client, create_user):
    user = create_user("learner")
    response = client.post("/login", data={"email": user.email, "password": "correct-horse-battery-staple"})
    assert response.status_code == 400
    assert "form expired" in response.get_data(as_text=True)


def test_logout_needs_post_with_csrf(client, auth):
    auth.login_as("learner")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert auth.logout().status_code == 302
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_login_ignores_offsite_next(client, create_user):
    user = create_user("learner")
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login?next=https://evil.example/",
        data={"email": user.email, "password": "correct-horse-battery-staple", "csrf_token": token},
    )
    assert response.status_code == 302
    assert "evil.example" not in response.headers["Location"]


def test_passwords_are_stored_salted_and_hashed(app, create_user, session):
    first = create_user("learner")
    second = create_user("learner")
    stored = session.scalars(select(User.password_hash).where(User.id.in_([first.id, second.id]))).all()
    assert all(value.startswith("scrypt:") for value in stored)
    assert stored[0] != stored[1]
    assert "correct-horse" not in stored[0]


def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_security_headers_forbid_inline_script_and_foreign_frames(client):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'self'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in response.headers
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
