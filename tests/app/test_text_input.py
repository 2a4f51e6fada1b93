"""A NUL character or a lone surrogate in any field is refused with a 400 before a view sees it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.access import public
from app.accounts.models import User
from tests.conftest import csrf_token_from

PEOPLE = "/admin/users/"


def _users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def _new_user_form(client: FlaskClient, **changes: str) -> dict[str, Any]:
    token = csrf_token_from(client.get(PEOPLE).get_data(as_text=True))
    form = {"email": "new@example.test", "name": "New Person", "roles": "learner"}
    return {**form, "password": "a-long-enough-passphrase", "csrf_token": token, **changes}


@pytest.mark.parametrize(
    "changes",
    [{"name": "Eve\x00"}, {"email": "eve\x00@example.test"}, {"team": "\x00"}, {"extra\x00": "x"}],
)
def test_a_form_with_a_nul_is_refused_and_nothing_is_stored(session, client, auth, changes):
    auth.login_as("admin")
    before = _users(session)

    response = client.post(PEOPLE, data=_new_user_form(client, **changes))

    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)
    assert _users(session) == before


def test_the_same_form_without_the_nul_is_stored(session, client, auth):
    auth.login_as("admin")
    before = _users(session)

    response = client.post(PEOPLE, data=_new_user_form(client, name="Eve"))

    assert response.status_code == 302 and _users(session) == before + 1


def _echo_route(app: Flask) -> None:
    @public
    def echo() -> str:
        return "seen"

    app.add_url_rule("/_echo", "echo", echo, methods=["GET", "POST"])


@pytest.mark.parametrize(
    ("request_args", "message"),
    [
        ({"query_string": {"q": "a\x00"}}, "query string 'q' contains a NUL character"),
        ({"query_string": "q=%00"}, "query string 'q' contains a NUL character"),
        ({"method": "POST", "data": {"note": "\x00"}}, "form field 'note' contains a NUL character"),
        ({"method": "POST", "json": {"answer": "\ud800"}}, "$.answer: contains a lone surrogate"),
        ({"method": "POST", "json": {"answer": [1e400]}}, "$.answer[0]: 1e400 is not a finite number"),
        ({"method": "POST", "data": "[" * 20_000, "content_type": "application/json"}, "nested deeper"),
    ],
)
def test_hostile_text_anywhere_in_a_request_is_a_400(app, client, request_args, message):
    _echo_route(app)
    app.config["WTF_CSRF_ENABLED"] = False
    if "json" in request_args:
        body = json.dumps(request_args.pop("json"))
        request_args.update(data=body.replace("Infinity", "1e400"), content_type="application/json")

    response = client.open("/_echo", headers={"Accept": "application/json"}, **request_args)

    assert response.status_code == 400, response.get_data(as_text=True)
    assert message in response.json["message"]


def test_a_json_body_that_is_not_an_object_is_422_even_where_a_form_is_read(client):
    token = csrf_token_from(client.get("/login").text)

    response = client.post("/password/forgot", json=["a"], headers={"X-CSRFToken": token})

    assert response.status_code == 422
