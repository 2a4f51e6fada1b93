"""xAPI 1.0.3 Communication 2.2 (Document Resources) and 3.1 (Concurrency), requirement by requirement.

Each case names the requirement it checks (its anchor in the specification and a short quote), starts
from a stored document (or none), sends one request and checks the status and what is stored after it.
The three resources share the rules except where the specification sets the State Resource apart.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.learning_record_store.statement_fixtures import basic

ACTIVITY = "https://elearn.example/modules/never-seen-before"
AGENT = json.dumps({"objectType": "Agent", "mbox": "mailto:nobody-yet@example.test"})
PARAMS = {
    "state": ("activities/state", {"activityId": ACTIVITY, "agent": AGENT, "stateId": "s1"}),
    "activity profile": ("activities/profile", {"activityId": ACTIVITY, "profileId": "p1"}),
    "agent profile": ("agents/profile", {"agent": AGENT, "profileId": "p1"}),
}
PROFILES = ("activity profile", "agent profile")
ALL = ("state", *PROFILES)
JSON = "application/json"
STORED = b'{"x": "foo", "y": "bar"}'
SAME = object()  # the stored document must be unchanged
GONE = None  # there must be no document


def etag(content: bytes) -> str:
    return '"' + hashlib.sha1(content).hexdigest() + '"'


CURRENT = etag(STORED)
STALE = etag(b"an older version")


@dataclass(frozen=True)
class Case:
    requirement: str
    resources: tuple[str, ...]
    existing: bytes | None
    method: str
    status: int
    after: Any  # bytes, SAME or GONE
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = b'{"x": "bash", "z": "faz"}'
    content_type: str = JSON
    existing_type: str = JSON
    message: tuple[str, ...] = ()  # parts of the error message


CASES = [
    Case(
        "3.1.s3 State Resource will permit PUT ... without concurrency headers",
        ("state",),
        STORED,
        "PUT",
        204,
        b'{"x": "bash", "z": "faz"}',
    ),
    Case(
        "3.1.s3 State Resource will permit ... POST ... without concurrency headers",
        ("state",),
        STORED,
        "POST",
        204,
        b'{"x":"bash","y":"bar","z":"faz"}',
    ),
    Case(
        "3.1.s3 State Resource will permit ... DELETE requests without concurrency headers",
        ("state",),
        STORED,
        "DELETE",
        204,
        GONE,
        body=None,
    ),
    Case(
        "3.1.s3.b1 PUT to a profile MUST include If-Match or If-None-Match (new document: 400)",
        PROFILES,
        None,
        "PUT",
        400,
        GONE,
        message=("If-None-Match",),
    ),
    Case(
        "3.1.s4.b13 PUT without either header for a resource that already exists MUST return 409",
        PROFILES,
        STORED,
        "PUT",
        409,
        SAME,
        message=("If-Match",),
    ),
    Case(
        "3.1.s4.b14 409 MUST explain to check the current state and set If-Match with the current ETag",
        PROFILES,
        STORED,
        "PUT",
        409,
        SAME,
        message=("Check its current state", "If-Match", "current ETag"),
    ),
    Case(
        "3.1.s4.b5 PUT MUST handle If-Match with an ETag (current: stored)",
        ALL,
        STORED,
        "PUT",
        204,
        b'{"x": "bash", "z": "faz"}',
        {"If-Match": CURRENT},
    ),
    Case(
        "3.1.s4.b5 PUT MUST handle If-Match: * (any existing document)",
        ALL,
        STORED,
        "PUT",
        204,
        b'{"x": "bash", "z": "faz"}',
        {"If-Match": "*"},
    ),
    Case(
        "3.1.s4.b9-b10 PUT with a stale If-Match MUST return 412 and MUST NOT modify",
        ALL,
        STORED,
        "PUT",
        412,
        SAME,
        {"If-Match": STALE},
    ),
    Case(
        "3.1.s4.b9-b10 PUT with If-Match on a missing document MUST return 412 and MUST NOT create",
        ALL,
        None,
        "PUT",
        412,
        GONE,
        {"If-Match": CURRENT},
    ),
    Case(
        "3.1.s4.b6 PUT MUST handle If-None-Match: * (absent: created)",
        ALL,
        None,
        "PUT",
        204,
        b'{"x": "bash", "z": "faz"}',
        {"If-None-Match": "*"},
    ),
    Case(
        "3.1.s4.b6 b9-b10 PUT with If-None-Match: * on a present document MUST return 412 and not modify",
        ALL,
        STORED,
        "PUT",
        412,
        SAME,
        {"If-None-Match": "*"},
    ),
    Case(
        "3.1.s4.b7 POST SHOULD handle If-Match with an ETag (current: merged)",
        ALL,
        STORED,
        "POST",
        204,
        b'{"x":"bash","y":"bar","z":"faz"}',
        {"If-Match": CURRENT},
    ),
    Case(
        "3.1.s4.b11-b12 POST with a stale If-Match SHOULD return 412 and not modify",
        ALL,
        STORED,
        "POST",
        412,
        SAME,
        {"If-Match": STALE},
    ),
    Case(
        "3.1.s4.b8 b11-b12 POST with If-None-Match: * on a present document SHOULD return 412",
        ALL,
        STORED,
        "POST",
        412,
        SAME,
        {"If-None-Match": "*"},
    ),
    Case(
        "3.1.s4.b7 DELETE SHOULD handle If-Match with an ETag (current: deleted)",
        ALL,
        STORED,
        "DELETE",
        204,
        GONE,
        {"If-Match": CURRENT},
        body=None,
    ),
    Case(
        "3.1.s4.b11-b12 DELETE with a stale If-Match SHOULD return 412 and not delete",
        ALL,
        STORED,
        "DELETE",
        412,
        SAME,
        {"If-Match": STALE},
        body=None,
    ),
    Case(
        "2.2.s4.b2 MUST NOT reject documents for lack of prior knowledge of the Activity or Agent",
        ALL,
        None,
        "POST",
        204,
        b'{"x": "bash", "z": "faz"}',
    ),
    Case(
        "2.2.s7 s8.b2 POST of JSON onto JSON MUST merge top-level properties and return 204",
        ALL,
        b'{"x": "foo", "y": {"keep": "replaced whole"}}',
        "POST",
        204,
        b'{"x":"bash","y":"new"}',
        {"If-Match": "*"},
        body=b'{"x": "bash", "y": "new"}',
    ),
    Case(
        "2.2.s8.b1 POST of a non-JSON document onto JSON MUST be 400 and MUST NOT update",
        ALL,
        STORED,
        "POST",
        400,
        SAME,
        {"If-Match": "*"},
        body=b"plain words",
        content_type="text/plain",
    ),
    Case(
        "2.2.s8.b1 POST of JSON onto a stored non-JSON document MUST be 400 and MUST NOT update",
        ALL,
        b"plain words",
        "POST",
        400,
        SAME,
        {"If-Match": "*"},
        existing_type="text/plain",
    ),
    Case(
        "2.2.s8.b1 POST of JSON that is not an Object MUST be 400 and MUST NOT update",
        ALL,
        STORED,
        "POST",
        400,
        SAME,
        {"If-Match": "*"},
        body=b'["x", "bash"]',
    ),
    Case(
        "2.2.s8.b1 POST of a document that cannot be parsed as JSON MUST be 400 and MUST NOT update",
        ALL,
        STORED,
        "POST",
        400,
        SAME,
        {"If-Match": "*"},
        body=b'{"x": ',
    ),
]


def _cases() -> list[Any]:
    return [
        pytest.param(case, resource, id=f"{case.requirement} [{resource}]")
        for case in CASES
        for resource in case.resources
    ]


def url(resource: str, params: dict[str, str]) -> str:
    return f"/xapi/{resource}?{urlencode(params)}"


@pytest.fixture
def headers(make_client):
    return basic(*make_client("state profile"))


@pytest.mark.parametrize(("case", "resource"), _cases())
def test_document_requirement(client, headers, case: Case, resource: str) -> None:
    path, params = PARAMS[resource]
    if case.existing is not None:
        stored = client.put(
            url(path, params),
            data=case.existing,
            headers={**headers, "Content-Type": case.existing_type, "If-None-Match": "*"},
        )
        assert stored.status_code == 204
    request_headers = {**headers, **case.headers}
    if case.body is not None:
        request_headers["Content-Type"] = case.content_type
    response = client.open(url(path, params), method=case.method, data=case.body, headers=request_headers)
    assert response.status_code == case.status, response.get_data(as_text=True)
    for part in case.message:
        assert part in response.json["message"]
    fetched = client.get(url(path, params), headers=headers)
    if case.after is GONE:
        assert fetched.status_code == 404
    elif case.after is SAME:
        assert fetched.status_code == 200 and fetched.data == case.existing
    else:
        assert fetched.status_code == 200 and fetched.data == case.after


@pytest.mark.parametrize("resource", ALL)
@pytest.mark.parametrize("multiple", [False, True], ids=["single document", "multiple documents"])
def test_get_answers_a_quoted_lowercase_sha1_etag_and_last_modified(client, headers, resource, multiple):
    """3.1.s4.b1 MUST add an ETag; b2 SHA-1 of the contents, lowercase hex; b4 enclosed in quotes;
    2.2.s6.b1-b2 SHOULD* include Last-Modified for single and multiple documents."""
    path, params = PARAMS[resource]
    content = b'{"Upper": "CASE"}'
    client.put(
        url(path, params), data=content, headers={**headers, "Content-Type": JSON, "If-None-Match": "*"}
    )
    if multiple:
        id_param = "stateId" if resource == "state" else "profileId"
        params = {name: value for name, value in params.items() if name != id_param}
    response = client.get(url(path, params), headers=headers)
    assert response.status_code == 200
    if multiple:
        assert response.json == ["s1" if resource == "state" else "p1"]
    tag = response.headers["ETag"]
    assert tag == etag(response.data) and tag == tag.lower()
    assert response.headers["Last-Modified"].endswith(" GMT")


def test_multiple_document_delete_of_state_removes_every_document_in_context(client, headers):
    """2.3.s2 Without stateId, DELETE will delete all state in the context given (no concurrency headers)."""
    path, params = PARAMS["state"]
    context = {"activityId": ACTIVITY, "agent": AGENT}
    for state_id in ("a", "b"):
        client.put(url(path, {**context, "stateId": state_id}), data=b"{}", headers=headers)
    assert client.delete(url(path, context), headers=headers).status_code == 204
    assert client.get(url(path, context), headers=headers).json == []


@pytest.mark.parametrize("resource", PROFILES)
def test_profile_resources_have_no_multiple_document_delete(client, headers, resource):
    """2.6.s3, 2.7.s3: DELETE acts on the single document named by profileId, which is required."""
    path, params = PARAMS[resource]
    without_id = {name: value for name, value in params.items() if name != "profileId"}
    response = client.delete(url(path, without_id), headers=headers)
    assert response.status_code == 400 and "profileId" in response.json["message"]


@pytest.mark.parametrize("resource", PROFILES)
def test_alternate_request_syntax_carries_the_precondition_headers(client, headers, resource):
    """1.3 Alternate Request Syntax: headers, If-None-Match included, travel as form fields, so a client
    limited to it can meet 3.1.s3.b1 too."""
    path, params = PARAMS[resource]
    form = {**params, **headers, "Content-Type": JSON, "content": '{"via": "form"}'}

    def send(fields: dict[str, str]) -> Any:
        return client.post(
            f"/xapi/{path}?method=PUT",
            data=urlencode(fields),
            content_type="application/x-www-form-urlencoded",
        )

    assert send(form).status_code == 400
    assert send({**form, "If-None-Match": "*"}).status_code == 204
    assert client.get(url(path, params), headers=headers).json == {"via": "form"}
    assert send({**form, "If-None-Match": "*"}).status_code == 412
