"""Property-based tests of the statement validator: arbitrary JSON never crashes it, and every statement
it accepts survives a round trip through the store unchanged in substance."""

from __future__ import annotations

import contextlib
import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learning_record_store import StatementValidationError, validate_statement
from tests.learning_record_store.statement_fixtures import basic

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)

KEYS = [
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "version",
    "authority",
    "attachments",
]
statement_like = st.fixed_dictionaries(
    {},
    optional={key: json_values for key in KEYS}
    | {
        "actor": st.fixed_dictionaries(
            {"mbox": st.sampled_from(["mailto:a@b.test", "a@b", ""])},
            optional={"objectType": st.sampled_from(["Agent", "Group", "x"])},
        ),
        "verb": st.fixed_dictionaries(
            {"id": st.sampled_from(["http://adlnet.gov/expapi/verbs/answered", "nope"])},
            optional={"display": json_values},
        ),
        "object": st.fixed_dictionaries(
            {"id": st.sampled_from(["http://example.test/a", "a b"])},
            optional={"definition": json_values, "objectType": json_values},
        ),
        "result": st.fixed_dictionaries(
            {},
            optional={
                "score": st.dictionaries(
                    st.sampled_from(["raw", "min", "max", "scaled"]), json_values, max_size=4
                ),
                "success": json_values,
                "duration": st.sampled_from(["PT1S", "P1D", "1 second", "PT"]),
            },
        ),
    },
)


@settings(max_examples=300, deadline=None)
@given(statement_like)
def test_validator_accepts_or_rejects_with_a_path_never_crashes(statement):
    try:
        validate_statement(statement)
    except StatementValidationError as error:
        assert str(error)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_validator_rejects_non_statements_cleanly(value):
    with contextlib.suppress(StatementValidationError):
        validate_statement(value)


@pytest.fixture
def lrs_client(app):
    from app.database import get_db
    from learning_record_store.credentials import create_client

    with get_db(app).transaction() as session:
        issued = create_client(session, name="fuzz", scopes=["all"])
        return issued.client.key, issued.secret


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(st.binary(max_size=200), statement_like.map(lambda s: json.dumps(s).encode())))
def test_lrs_answers_arbitrary_bodies_with_4xx_never_500(client, lrs_client, body):
    response = client.post(
        "/xapi/statements", data=body, headers=basic(*lrs_client), content_type="application/json"
    )
    assert response.status_code in (200, 400), response.get_data(as_text=True)
    if response.status_code == 400:
        assert "message" in response.json


def test_lrs_rejects_oversized_bodies_with_413(client, lrs_client, app):
    huge = json.dumps(
        [{"id": str(uuid.uuid4()), "padding": "x" * 1024}] * (app.config["MAX_CONTENT_LENGTH"] // 1000)
    )
    response = client.post(
        "/xapi/statements", data=huge, headers=basic(*lrs_client), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.headers.get("X-Experience-API-Version")
