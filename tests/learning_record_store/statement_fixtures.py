"""Helpers for the statements tests: LRS credentials and statement factories."""

from __future__ import annotations

import base64
import copy
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from app.database import get_db
from learning_record_store.credentials import create_client

VERB = "http://adlnet.gov/expapi/verbs/answered"
ACTIVITY = "https://elearn.example/activities/call-closing/q1"
COURSE = "https://elearn.example/activities/call-closing"
REGISTRATION = "6fbd600f-d17c-4c74-801a-2ec2e53231c7"
VERSION = {"X-Experience-API-Version": "1.0.3"}


def statement(**changes: Any) -> dict[str, Any]:
    """Return a valid statement with ``changes`` applied on top."""
    base: dict[str, Any] = {
        "actor": {"objectType": "Agent", "name": "Ann", "mbox": "mailto:ann@example.test"},
        "verb": {"id": VERB, "display": {"en-US": "answered"}},
        "object": {"id": ACTIVITY, "definition": {"name": {"en-US": "Question 1"}}},
        "context": {"registration": REGISTRATION, "contextActivities": {"parent": [{"id": COURSE}]}},
    }
    base.update(copy.deepcopy(changes))
    return base


def basic(key: str, secret: str) -> dict[str, str]:
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {token}", **VERSION}


@pytest.fixture
def make_client(app: Flask) -> Callable[..., tuple[str, str]]:
    """Create an LRS client with these scopes; return (key, secret)."""

    def factory(scopes: str = "all", name: str = "Test client") -> tuple[str, str]:
        with get_db(app).transaction() as session:
            issued = create_client(session, name=name, scopes=scopes)
            return issued.client.key, issued.secret

    return factory


@pytest.fixture
def lrs_headers(make_client: Callable[..., tuple[str, str]]) -> dict[str, str]:
    """Headers of a client holding the `all` scope."""
    return basic(*make_client("all"))


def new_id() -> str:
    return str(uuid.uuid4())
