"""While the database cannot be reached the app answers 503 with Retry-After, never a 500."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy.exc import IntegrityError, OperationalError

from app.access import public


def _failing_route(app: Flask, error: Exception) -> None:
    @public
    def fail() -> str:
        raise error

    app.add_url_rule("/_fail", "fail", fail)


def _lost_connection() -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception("the database system is shutting down"))


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_lost_database_answers_503_with_retry_after(app, client, accept):
    _failing_route(app, _lost_connection())

    response = client.get("/_fail", headers={"Accept": accept})

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "nothing was saved" in response.get_data(as_text=True)
    assert response.is_json == (accept == "application/json")


def test_other_database_errors_stay_500(app, client):
    _failing_route(app, IntegrityError("INSERT", {}, Exception("duplicate key")))

    response = client.get("/_fail")

    assert response.status_code == 500
    assert "Retry-After" not in response.headers
