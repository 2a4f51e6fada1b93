"""An unexpected error rolls the request's session back and answers the app's own 500 page."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.access import requires
from app.accounts.models import User
from app.database import db


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    # As in production: an error the handlers do not turn into a page reaches the client as Werkzeug's.
    return {**app_config, "PROPAGATE_EXCEPTIONS": False}


def _failed_flush_route(app: Flask) -> None:
    @requires()
    def fail() -> str:
        db.session.add(User(email=None, name="No email", password_hash="x"))  # NOT NULL: the flush fails
        db.session.flush()
        return "unreachable"

    app.add_url_rule("/_fail", "fail", fail, methods=["GET", "POST"])


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_a_failed_flush_answers_the_apps_own_500_page(
    app: Flask, client: FlaskClient, auth: Any, accept: str
) -> None:
    _failed_flush_route(app)
    user = auth.login_as("learner")

    response = client.get("/_fail", headers={"Accept": accept})

    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in body
    assert "Traceback" not in body and "PendingRollbackError" not in body
    if accept == "text/html":
        assert user.name in body  # the page was rendered with the signed-in user, read after the rollback
    assert client.get("/").status_code < 400
