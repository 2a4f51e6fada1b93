"""The document resources over HTTP: every status code path of state, activity and agent profiles."""

from __future__ import annotations

import base64
import hashlib
import json
from urllib.parse import urlencode

import pytest

from app.database import get_db
from learning_record_store.credentials import create_client

ACTIVITY = "https://elearn.example/modules/call-closing"
AGENT = json.dumps({"objectType": "Agent", "mbox": "mailto:ann@example.test"})
STATE = {"activityId": ACTIVITY, "agent": AGENT, "stateId": "bookmark"}
ACTIVITY_PROFILE = {"activityId": ACTIVITY, "profileId": "settings"}
AGENT_PROFILE = {"agent": AGENT, "profileId": "preferences"}


def credentials(app, scopes: str) -> dict[str, str]:
    with get_db(app).transaction() as session:
        issued = create_client(session, name="tests", scopes=scopes)
        token = base64.b64encode(f"{issued.client.key}:{issued.secret}".encode()).decode()
    return {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}


@pytest.fixture
def headers(app):
    return credentials(app, "state profile")


def url(resource: str, params: dict[str, str]) -> str:
    return f"/xapi/{resource}?{urlencode(params)}"


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def put(client, headers, resource, params, body, content_type="application/json", **extra):
    return client.put(
        url(resource, params), data=body, headers={**headers, "Content-Type": content_type, **extra}
    )


def post(client, headers, resource, params, body, content_type="application/json", **extra):
    return client.post(
        url(resource, params), data=body, headers={**headers, "Content-Type": content_type, **extra}
    )


@pytest.mark.parametrize(
    ("resource", "params"),
    [
        ("activities/state", STATE),
        ("activities/profile", ACTIVITY_PROFILE),
        ("agents/profile", AGENT_PROFILE),
    ],
)
def test_round_trip_with_etag_and_last_modified(client, headers, resource, params):
    body = b'{"x": "foo", "y": "bar"}'
    assert client.get(url(resource, params), headers=headers).status_code == 404
    created = put(client, headers, resource, params, body, **{"If-None-Match": "*"})
    assert created.status_code == 204
    assert created.headers["ETag"] == f'"{sha1(body)}"'
    fetched = client.get(url(resource, params), headers=headers)
    assert fetched.status_code == 200 and fetched.data == body
    assert fetched.headers["Content-Type"] == "application/json"
    assert fetched.headers["ETag"] == f'"{sha1(body)}"'
    assert fetched.headers["Last-Modified"].endswith("GMT")
    assert fetched.headers["X-Experience-API-Version"] == "1.0.3"
    head = client.head(url(resource, params), headers=headers)
    assert head.status_code == 200 and head.data == b"" and head.headers["ETag"] == fetched.headers["ETag"]
    assert (
        client.delete(
            url(resource, params), headers={**headers, "If-Match": fetched.headers["ETag"]}
        ).status_code
        == 204
    )
    assert client.get(url(resource, params), headers=headers).status_code == 404


@pytest.mark.parametrize(
    ("resource", "params"),
    [("activities/profile", ACTIVITY_PROFILE), ("agents/profile", AGENT_PROFILE)],
)
def test_profile_concurrency(client, headers, resource, params):
    assert put(client, headers, resource, params, b'{"v": 1}', **{"If-None-Match": "*"}).status_code == 204
    etag = '"' + sha1(b'{"v": 1}') + '"'
    # PUT on an existing profile without either header: 409, with an explanation, and nothing changes.
    conflict = put(client, headers, resource, params, b'{"v": 2}')
    assert conflict.status_code == 409 and "If-Match" in conflict.json["message"]
    assert put(client, headers, resource, params, b'{"v": 2}', **{"If-None-Match": "*"}).status_code == 412
    assert put(client, headers, resource, params, b'{"v": 2}', **{"If-Match": '"0000"'}).status_code == 412
    assert client.get(url(resource, params), headers=headers).data == b'{"v": 1}'
    assert put(client, headers, resource, params, b'{"v": 3}', **{"If-Match": etag}).status_code == 204
    assert put(client, headers, resource, params, b'{"v": 4}', **{"If-Match": "*"}).status_code == 204
    assert post(client, headers, resource, params, b'{"w": 1}', **{"If-Match": etag}).status_code == 412
    stale = client.delete(url(resource, params), headers={**headers, "If-Match": etag})
    assert stale.status_code == 412
    assert client.get(url(resource, params), headers=headers).data == b'{"v": 4}'
    missing = {**params, "profileId": "never-written"}
    assert put(client, headers, resource, missing, b"{}", **{"If-Match": "*"}).status_code == 412
    assert client.get(url(resource, missing), headers=headers).status_code == 404


@pytest.mark.parametrize(
    ("resource", "params"),
    [("activities/profile", ACTIVITY_PROFILE), ("agents/profile", AGENT_PROFILE)],
)
def test_profile_puts_need_a_header_even_to_create_by_default(app, client, headers, resource, params):
    refused = put(client, headers, resource, params, b'{"v": 1}')
    assert refused.status_code == 400 and "If-None-Match" in refused.json["message"]
    assert client.get(url(resource, params), headers=headers).status_code == 404
    assert put(client, headers, resource, params, b'{"v": 1}', **{"If-None-Match": "*"}).status_code == 204
    assert put(client, headers, resource, params, b'{"v": 2}').status_code == 409  # exists: a conflict
    # The compatibility setting lets a bare PUT create a profile; replacing one still needs If-Match.
    app.config["LRS_STRICT_PROFILE_PUT"] = False
    fresh = {**params, "profileId": "lenient-new"}
    assert put(client, headers, resource, fresh, b'{"v": 1}').status_code == 204
    assert client.get(url(resource, fresh), headers=headers).data == b'{"v": 1}'
    assert put(client, headers, resource, fresh, b'{"v": 2}').status_code == 409


def test_state_accepts_writes_without_concurrency_headers(client, headers):
    assert put(client, headers, "activities/state", STATE, b'{"page": 1}').status_code == 204
    assert put(client, headers, "activities/state", STATE, b'{"page": 2}').status_code == 204
    assert client.get(url("activities/state", STATE), headers=headers).data == b'{"page": 2}'
    # Preconditions still apply when sent.
    assert (
        put(client, headers, "activities/state", STATE, b"{}", **{"If-Match": '"stale"'}).status_code == 412
    )
    assert put(client, headers, "activities/state", STATE, b"{}", **{"If-None-Match": "*"}).status_code == 412


def test_post_merges_json_objects_and_refuses_anything_else(client, headers):
    resource, params = "activities/state", STATE
    assert post(client, headers, resource, params, b'{"x": "foo", "y": "bar"}').status_code == 204
    assert post(client, headers, resource, params, b'{"x": "bash", "z": "faz"}').status_code == 204
    assert client.get(url(resource, params), headers=headers).json == {"x": "bash", "y": "bar", "z": "faz"}
    for body, content_type in [
        (b"[1]", "application/json"),
        (b"{bad", "application/json"),
        (b"words", "text/plain"),
    ]:
        refused = post(client, headers, resource, params, body, content_type)
        assert refused.status_code == 400, (body, refused.json)
    other = {**params, "stateId": "binary"}
    assert put(client, headers, resource, other, b"\x00\x01", "application/octet-stream").status_code == 204
    assert post(client, headers, resource, other, b'{"a": 1}').status_code == 400
    fetched = client.get(url(resource, other), headers=headers)
    assert fetched.data == b"\x00\x01" and fetched.headers["Content-Type"] == "application/octet-stream"
    assert client.get(url(resource, params), headers=headers).json == {"x": "bash", "y": "bar", "z": "faz"}


def test_multiple_document_get_since_and_delete_all(client, headers):
    registration = "9b4a0c0e-5af8-4c53-8d48-0e2a33d6f4a1"
    context = {"activityId": ACTIVITY, "agent": AGENT}
    for state_id in ("a", "b"):
        put(client, headers, "activities/state", {**context, "stateId": state_id}, b"{}")
    put(client, headers, "activities/state", {**context, "stateId": "c", "registration": registration}, b"{}")
    listing = client.get(url("activities/state", context), headers=headers)
    assert listing.status_code == 200 and sorted(listing.json) == ["a", "b", "c"]
    assert listing.headers["ETag"] == f'"{sha1(listing.data)}"' and "Last-Modified" in listing.headers
    only = client.get(url("activities/state", {**context, "registration": registration}), headers=headers)
    assert only.json == ["c"]
    later = client.get(url("activities/state", {**context, "since": "2999-01-01T00:00:00Z"}), headers=headers)
    assert later.json == []
    earlier = client.get(
        url("activities/state", {**context, "since": "2000-01-01T00:00:00Z"}), headers=headers
    )
    assert sorted(earlier.json) == ["a", "b", "c"]
    assert (
        client.delete(
            url("activities/state", {**context, "registration": registration}), headers=headers
        ).status_code
        == 204
    )
    assert sorted(client.get(url("activities/state", context), headers=headers).json) == ["a", "b"]
    assert client.delete(url("activities/state", context), headers=headers).status_code == 204
    assert client.get(url("activities/state", context), headers=headers).json == []
    put(client, headers, "activities/profile", ACTIVITY_PROFILE, b"{}", **{"If-None-Match": "*"})
    assert client.get(url("activities/profile", {"activityId": ACTIVITY}), headers=headers).json == [
        "settings"
    ]
    put(client, headers, "agents/profile", AGENT_PROFILE, b"{}", **{"If-None-Match": "*"})
    assert client.get(url("agents/profile", {"agent": AGENT}), headers=headers).json == ["preferences"]


@pytest.mark.parametrize(
    ("method", "resource", "params", "message"),
    [
        ("get", "activities/state", {"activityId": ACTIVITY, "stateId": "x"}, "agent: is required"),
        ("get", "activities/state", {**STATE, "activityId": "not an iri"}, "activityId"),
        ("get", "activities/state", {**STATE, "agent": '{"name": "x"}'}, "exactly one of"),
        ("get", "activities/state", {**STATE, "registration": "nope"}, "registration"),
        ("get", "activities/state", {**STATE, "stateid": "x"}, "stateid: not a parameter"),
        ("get", "activities/state", {**STATE, "since": "2020-01-01T00:00:00Z"}, "since"),
        ("get", "activities/state", {"activityId": ACTIVITY, "agent": AGENT, "since": "soon"}, "since"),
        ("put", "activities/state", {"activityId": ACTIVITY, "agent": AGENT}, "stateId: is required"),
        ("put", "activities/profile", {**ACTIVITY_PROFILE, "agent": AGENT}, "agent: not a parameter"),
        ("delete", "activities/profile", {"activityId": ACTIVITY}, "profileId: is required"),
        ("delete", "agents/profile", {"agent": AGENT}, "profileId: is required"),
        (
            "get",
            "agents/profile",
            {"agent": '{"objectType": "Group", "mbox": "mailto:g@example.test"}'},
            "Agent",
        ),
    ],
)
def test_bad_requests(client, headers, method, resource, params, message):
    response = getattr(client, method)(
        url(resource, params),
        headers={**headers, "Content-Type": "application/json"},
        data=b"{}" if method == "put" else None,
    )
    assert response.status_code == 400, response.json
    assert response.json["error"] == "Bad Request" and message in response.json["message"]


def test_put_json_that_does_not_parse_is_refused(client, headers):
    assert put(client, headers, "activities/state", STATE, b"{nope").status_code == 400
    assert client.get(url("activities/state", STATE), headers=headers).status_code == 404


def test_credentials_and_scopes(app, client):
    # Credentials first: under pytest-flask the request session stays open until the test ends.
    statements_only = credentials(app, "statements/write")
    state_only = credentials(app, "state")
    reader = credentials(app, "all/read")
    anonymous = {"X-Experience-API-Version": "1.0.3"}
    assert client.get(url("activities/state", STATE), headers=anonymous).status_code == 401
    assert client.get(url("activities/state", STATE), headers=statements_only).status_code == 403
    assert client.get(url("activities/state", STATE), headers=state_only).status_code == 404
    assert client.get(url("agents/profile", AGENT_PROFILE), headers=state_only).status_code == 403
    assert client.get(url("agents/profile", AGENT_PROFILE), headers=reader).status_code == 404
    assert put(client, reader, "agents/profile", AGENT_PROFILE, b"{}").status_code == 403


def test_alternate_request_syntax_carries_headers_and_content(client, headers):
    form = {
        **STATE,
        "content": '{"via": "form"}',
        "Content-Type": "application/json",
        "Authorization": headers["Authorization"],
        "X-Experience-API-Version": "1.0.3",
    }
    response = client.post(
        "/xapi/activities/state?method=PUT",
        data=urlencode(form),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 204, response.json
    assert client.get(url("activities/state", STATE), headers=headers).json == {"via": "form"}
    form = {**form, "If-Match": '"stale"', "content": "{}"}
    response = client.post(
        "/xapi/activities/state?method=PUT",
        data=urlencode(form),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 412


def test_about_needs_no_credentials_nor_version(client):
    response = client.get("/xapi/about")
    assert response.status_code == 200
    assert "1.0.3" in response.json["version"] and isinstance(response.json["extensions"], dict)
    assert set(response.json) == {"version", "extensions"}
    assert response.headers["X-Experience-API-Version"] == "1.0.3"
    assert client.get("/xapi/about?verbose=1").status_code == 400


def test_documents_larger_than_the_limit_are_refused(app, client, headers):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    too_big = put(client, headers, "activities/state", STATE, b'{"x": "' + b"a" * 2000 + b'"}')
    assert too_big.status_code == 413
    assert client.get(url("activities/state", STATE), headers=headers).status_code == 404
    assert put(client, headers, "activities/state", STATE, b'{"x": "small"}').status_code == 204
