"""Fixtures of the learner pages: the sample curriculum published into the test database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask

import courses
from app.database import get_db

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def published(app: Flask) -> None:
    """Publish the sample content (modules, quizzes, competency framework)."""
    with get_db(app).transaction() as db_session:
        report = courses.build_content(db_session, CONTENT)
        assert report.ok, [str(d) for d in report.errors]


@pytest.fixture
def learner_client(client: Any, auth: Any, published: None) -> Any:
    """A client signed in as a learner (the user is on ``client.user``)."""
    client.user = auth.login_as("learner")
    return client
