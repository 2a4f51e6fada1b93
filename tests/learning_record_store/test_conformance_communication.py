"""xAPI 1.0.3 Communication 3.2 (Error Codes), 3.3 (Versioning) and Data 2.2.s4.b4 (parameters are
validated like Statement values), requirement by requirement, over HTTP.

Every case also checks what the specification asks of every response: the version header set to the
latest patch version (3.3.s3.b1-b2) and, for an error, a message explaining its cause (3.2.s3.b2).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.learning_record_store.statement_fixtures import basic, new_id, statement

AGENT = json.dumps({"mbox": "mailto:ann@example.test"})
ACTIVITY = "https://elearn.example/activities/call-closing"
STATE = {"activityId": ACTIVITY, "agent": AGENT, "stateId": "s1"}
NO_VERSION = object()


@dataclass(frozen=True)
class Case:
    requirement: str
    method: str
    resource: str
    status: int
    params: dict[str, str] = field(default_factory=dict)
    body: Any = None  # JSON-encoded unless bytes
    content_type: str = "application/json"
    version: Any = "1.0.3"  # the X-Experience-API-Version sent; NO_VERSION sends none
    credentials: str = "all"  # the scopes of the client, "" for none, "wrong" for a bad secret
    message: str = ""  # a part of the error message


CASES = [
    # 3.3 Versioning
    Case(
        "3.3.s3.b3 MUST accept a version header of 1.0 as if it were 1.0.0",
        "GET",
        "statements",
        200,
        version="1.0",
    ),
    Case(
        "3.3.s3.b5 MUST accept a version header starting with 1.0. (1.0.0)",
        "GET",
        "statements",
        200,
        version="1.0.0",
    ),
    Case(
        "3.3.s3.b5 MUST accept a version header starting with 1.0. (1.0.2)",
        "GET",
        "statements",
        200,
        version="1.0.2",
    ),
    Case(
        "3.3.s3.b5 MUST accept a version header starting with 1.0. (a later patch, 1.0.9)",
        "GET",
        "statements",
        200,
        version="1.0.9",
    ),
    Case(
        "3.3.s3.b5 MUST accept 1.0.x on a document resource too",
        "PUT",
        "activities/state",
        204,
        STATE,
        {"page": 1},
        version="1.0.1",
    ),
    Case(
        "3.3.s3.b4 MUST reject a version header prior to 1.0.0 (0.95)",
        "GET",
        "statements",
        400,
        version="0.95",
        message="X-Experience-API-Version",
    ),
    Case(
        "3.3.s3.b4 MUST reject a version header prior to 1.0.0 (0.9)",
        "GET",
        "activities/state",
        400,
        STATE,
        version="0.9",
        message="X-Experience-API-Version",
    ),
    Case(
        "3.3.s3.b4.1 MUST reject requests without a version header",
        "GET",
        "statements",
        400,
        version=NO_VERSION,
        message="missing",
    ),
    Case(
        "3.3.s3.b4.1 MUST reject document requests without a version header",
        "PUT",
        "activities/state",
        400,
        STATE,
        {"page": 1},
        version=NO_VERSION,
        message="missing",
    ),
    Case(
        "3.3.s3.b6 MUST reject a version header of 1.1.0 or greater (1.1.0)",
        "GET",
        "statements",
        400,
        version="1.1.0",
        message="X-Experience-API-Version",
    ),
    Case(
        "3.3.s3.b6 MUST reject a version header of 1.1.0 or greater (2.0.0)",
        "POST",
        "statements",
        400,
        body=statement(),
        version="2.0.0",
        message="X-Experience-API-Version",
    ),
    Case(
        "3.3.s3.b7 rejects with 400 and a short description (not a version at all)",
        "GET",
        "statements",
        400,
        version="latest",
        message="X-Experience-API-Version",
    ),
    # 3.2 Error codes
    Case("3.2.s2.b2 401 when authentication is required", "GET", "statements", 401, credentials=""),
    Case(
        "3.2.s2.b2 401 when the given credentials are refused", "GET", "statements", 401, credentials="wrong"
    ),
    Case(
        "3.2.s3.b10 MUST reject with 403 a request the credentials have no permission for (statements)",
        "POST",
        "statements",
        403,
        body=statement(),
        credentials="statements/read",
    ),
    Case(
        "3.2.s3.b10 MUST reject with 403 a request the credentials have no permission for (profile)",
        "GET",
        "agents/profile",
        403,
        {"agent": AGENT, "profileId": "p"},
        credentials="state",
    ),
    Case(
        "3.2.s2.b4 404 for a single Statement that is not found",
        "GET",
        "statements",
        404,
        {"statementId": new_id()},
    ),
    Case("3.2.s2.b4 404 for a State document that is not found", "GET", "activities/state", 404, STATE),
    Case(
        "3.2.s3.b7 MUST reject with 400 a parameter it does not recognise (statements)",
        "GET",
        "statements",
        400,
        {"colour": "red"},
        message="colour",
    ),
    Case(
        "3.2.s3.b7 MUST reject with 400 a parameter it does not recognise (state)",
        "GET",
        "activities/state",
        400,
        {**STATE, "colour": "red"},
        message="colour",
    ),
    Case(
        "3.2.s3.b7 MUST reject with 400 a parameter not recognised in its context (since with stateId)",
        "GET",
        "activities/state",
        400,
        {**STATE, "since": "2026-01-01T00:00:00Z"},
        message="since",
    ),
    Case(
        "3.2.s3.b7 MUST reject with 400 a parameter it does not recognise (agents)",
        "GET",
        "agents",
        400,
        {"agent": AGENT, "profileId": "p"},
        message="profileId",
    ),
    Case(
        "3.2.s3.b7 MUST reject with 400 a parameter it does not recognise (activities)",
        "GET",
        "activities",
        400,
        {"activityId": ACTIVITY, "agent": AGENT},
        message="agent",
    ),
    Case(
        "3.2.s3.b8 MUST reject with 400 parameters matching the specification in all but case (statements)",
        "GET",
        "statements",
        400,
        {"statementID": new_id()},
        message="statementID",
    ),
    Case(
        "3.2.s3.b8 MUST reject with 400 parameters matching the specification in all but case (profile)",
        "GET",
        "activities/profile",
        400,
        {"activityid": ACTIVITY, "profileId": "p"},
        message="activityid",
    ),
    Case(
        "3.2.s3.b6 SHOULD* reject with 400 content that does not match its content type (statements)",
        "POST",
        "statements",
        400,
        body=b"{not json",
    ),
    Case(
        "3.2.s3.b6 SHOULD* reject with 400 content that does not match its content type (state)",
        "PUT",
        "activities/state",
        400,
        STATE,
        b"{not json",
        message="not JSON",
    ),
    Case(
        "3.2.s3.b9 MUST reject a batch of statements if any Statement within it is rejected",
        "POST",
        "statements",
        400,
        body=[statement(), statement(verb={"id": "not an iri"})],
        message="verb.id",
    ),
    Case(
        "3.2.s2.b5 409 for a Statement PUT whose id is stored with other content",
        "PUT",
        "statements",
        409,
        {"statementId": "6fbd600f-d17c-4c74-801a-2ec2e53231c7"},
        statement(verb={"id": "http://example.test/verbs/other"}),
    ),
    # Data 2.2.s4.b4: parameter values are validated like the same values in Statements
    Case(
        "Data 2.2.s4.b4 MUST validate parameter values: agent that is not an Agent",
        "GET",
        "statements",
        400,
        {"agent": json.dumps({"mbox": "ann@example.test"})},
        message="agent",
    ),
    Case(
        "Data 2.2.s4.b4 MUST validate parameter values: verb that is not an IRI",
        "GET",
        "statements",
        400,
        {"verb": "answered"},
        message="verb",
    ),
    Case(
        "Data 2.2.s4.b4 MUST validate parameter values: registration that is not a UUID",
        "GET",
        "statements",
        400,
        {"registration": "1234"},
        message="registration",
    ),
    Case(
        "Data 2.2.s4.b4 MUST validate parameter values: since that is not a timestamp",
        "GET",
        "statements",
        400,
        {"since": "yesterday"},
        message="since",
    ),
    Case(
        "Data 2.2.s4.b4 MUST validate parameter values: statementId that is not a UUID",
        "GET",
        "statements",
        400,
        {"statementId": "42"},
        message="statementId",
    ),
    Case(
        "Data 2.2.s4.b4 MUST validate parameter values: activityId that is not an IRI",
        "GET",
        "activities/state",
        400,
        {**STATE, "activityId": "call-closing"},
        message="activityId",
    ),
    Case(
        "Data 2.2.s4.b4 MUST validate parameter values: an agent with two identifiers",
        "GET",
        "agents/profile",
        400,
        {"agent": json.dumps({"mbox": "mailto:a@example.test", "openid": "https://id.example/a"})},
        message="agent",
    ),
]


def _headers(case: Case, make_client) -> dict[str, str]:
    if case.credentials == "":
        headers: dict[str, str] = {}
    elif case.credentials == "wrong":
        key, _secret = make_client("all")
        headers = basic(key, "not-the-secret")
    else:
        headers = basic(*make_client(case.credentials))
    headers.pop("X-Experience-API-Version", None)
    if case.version is not NO_VERSION:
        headers["X-Experience-API-Version"] = case.version
    if case.body is not None:
        headers["Content-Type"] = case.content_type
    return headers


@pytest.mark.parametrize("case", [pytest.param(case, id=case.requirement) for case in CASES])
def test_communication_requirement(client, make_client, case: Case) -> None:
    if case.status == 409:  # a statement with this id is stored first
        stored = client.put(
            f"/xapi/statements?{urlencode(case.params)}",
            json=statement(),
            headers=basic(*make_client("all")),
        )
        assert stored.status_code == 204
    body = case.body if isinstance(case.body, bytes | None) else json.dumps(case.body).encode()
    path = f"/xapi/{case.resource}" + (f"?{urlencode(case.params)}" if case.params else "")
    response = client.open(path, method=case.method, data=body, headers=_headers(case, make_client))
    assert response.status_code == case.status, response.get_data(as_text=True)
    assert response.headers["X-Experience-API-Version"] == "1.0.3"
    if case.status >= 400:
        assert response.json["message"], "3.2.s3.b2: an error explains its cause"
        assert case.message in response.json["message"]


def test_rejected_batch_stores_nothing(client, lrs_headers):
    """3.2.s3.b9: the valid Statement of a rejected batch is not stored either."""
    good = statement(id=new_id())
    rejected = client.post("/xapi/statements", json=[good, statement(verb={"id": "x"})], headers=lrs_headers)
    assert rejected.status_code == 400
    assert client.get(f"/xapi/statements?statementId={good['id']}", headers=lrs_headers).status_code == 404


def test_documents_and_attachments_over_the_size_limit_get_413(app, client, lrs_headers):
    """3.2.s3.b11: MUST reject with 413 a document (or Statement) larger than the LRS allows; b16: the
    limit is configurable (MAX_CONTENT_LENGTH)."""
    app.config["MAX_CONTENT_LENGTH"] = 512
    big = {"notes": "x" * 1000}
    state = client.put(
        f"/xapi/activities/state?{urlencode(STATE)}",
        json=big,
        headers={**lrs_headers, "If-None-Match": "*"},
    )
    assert state.status_code == 413 and state.headers["X-Experience-API-Version"] == "1.0.3"
    statements = client.post(
        "/xapi/statements", json=statement(result={"response": "x" * 1000}), headers=lrs_headers
    )
    assert statements.status_code == 413
    app.config["MAX_CONTENT_LENGTH"] = 4096
    assert (
        client.put(f"/xapi/activities/state?{urlencode(STATE)}", json=big, headers=lrs_headers).status_code
        == 204
    )
