"""Each role lands on its own workspace; several roles can switch; the admin overview; the public home."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

import pytest

from app.accounts import audit
from app.database import get_db
from tests.app.populated import populate
from tests.conftest import TEST_PASSWORD, csrf_token_from


@pytest.mark.parametrize(
    ("roles", "home"),
    [
        (("learner",), "/learn/"),
        (("mentor",), "/mentoring/"),
        (("lead",), "/mentoring/team"),
        (("admin",), "/admin/"),
        (("mentor", "learner"), "/mentoring/"),
    ],
)
def test_each_role_lands_on_its_workspace_after_sign_in(
    client: Any, auth: Any, roles: Any, home: str
) -> None:
    auth.login_as(*roles, team="Blue")
    assert client.get("/").headers["Location"] == home
    assert client.get(home).status_code == 200


def test_sign_in_redirects_to_the_workspace(client: Any, create_user: Any) -> None:
    user = create_user("lead", team="Blue")
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    signed_in = client.post(
        "/login", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert signed_in.headers["Location"] == "/mentoring/team"


def _nav(html: str) -> list[str]:
    menu = html.split('id="main-nav"')[1].split('class="nav-account"')[0]
    return [
        html_lib.unescape(label)
        for label in re.findall(r'class="nav-link[^"]*" href="[^"]+"[^>]*>([^<]+)</a>', menu)
    ]


def _workspaces(html: str) -> list[str]:
    switch = html.split('aria-label="Switch workspace"')
    if len(switch) == 1:
        return []
    return re.findall(r'class="btn [^"]+" href="[^"]+"[^>]*>([^<]+)</a>', switch[1].split("</div>")[0])


def test_a_person_with_several_roles_switches_between_workspaces(client: Any, auth: Any) -> None:
    auth.login_as("mentor", "learner", "lead")
    desk = client.get("/mentoring/").get_data(as_text=True)
    assert _workspaces(desk) == ["Team", "Mentoring", "Learning"]
    assert "Mentor's desk" in _nav(desk) and "My learning" not in _nav(desk)
    learning = client.get("/learn/").get_data(as_text=True)
    assert "My learning" in _nav(learning) and "Mentor's desk" not in _nav(learning)
    # A page outside the navigation keeps the workspace last used.
    assert "My learning" in _nav(client.get("/mentoring/notifications").get_data(as_text=True))


def test_one_role_sees_no_workspace_switch(client: Any, auth: Any) -> None:
    auth.login_as("mentor")
    assert _workspaces(client.get("/mentoring/").get_data(as_text=True)) == []


def test_the_public_home_says_what_elearn_is_with_a_sign_in_button(client: Any) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "contact-centre" in html and "mentor" in html.lower()
    assert re.search(r'<a class="btn btn-primary btn-lg" href="/login">Sign in</a>', html)


def test_the_admin_overview_shows_people_content_store_and_audit(app: Any, client: Any) -> None:
    populate(app)
    with get_db(app).transaction() as session:
        audit.record(session, actor="admin@blue.example", action="user.create", target="new@blue.example")
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    client.post(
        "/login", data={"email": "admin@blue.example", "password": TEST_PASSWORD, "csrf_token": token}
    )
    html = client.get("/admin/").get_data(as_text=True)
    people = re.search(r'People</p>\s*<p class="stat-value"><a href="/admin/users/">(\d+)<span', html)
    assert people and int(people.group(1)) == 6
    assert re.search(r"Published modules</p>\s*<p class=\"stat-value\">[1-9]", html)
    statements = re.search(r"(\d+) statements stored in the last 24 hours", html)
    assert statements and int(statements.group(1)) > 0
    assert "No other record store is configured" in html
    assert "created the account of new@blue.example" in html
