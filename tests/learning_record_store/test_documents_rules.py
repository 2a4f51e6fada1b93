"""The pure rules of documents: ETags, preconditions, JSON merge, parameter parsing."""

from __future__ import annotations

import hashlib
import json

import pytest

from learning_record_store.documents import (
    EditConflict,
    InvalidDocumentRequest,
    PreconditionFailed,
    Preconditions,
    agent_key,
    etag_of,
    parse_agent,
    parse_registration,
    parse_since,
)
from learning_record_store.documents.concurrency import check, parse_etag_list
from learning_record_store.documents.merge import merge_documents

JSON = "application/json"
CURRENT = etag_of(b"current")


def test_etag_is_lowercase_sha1_hex():
    assert etag_of(b'{"a":1}') == hashlib.sha1(b'{"a":1}').hexdigest()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ('"abc"', frozenset({"abc"})),
        ('"abc", W/"def"', frozenset({"abc", "def"})),
        ("*", frozenset({"*"})),
    ],
)
def test_parse_etag_list(header, expected):
    assert parse_etag_list(header) == expected


@pytest.mark.parametrize(
    ("if_match", "if_none_match", "current", "required"),
    [
        (None, None, None, True),  # creating without headers is fine
        (None, None, CURRENT, False),  # state: overwriting without headers is allowed
        (f'"{CURRENT}"', None, CURRENT, True),
        ("*", None, CURRENT, True),
        (f'"x", "{CURRENT}"', None, CURRENT, True),
        (None, "*", None, True),
        (None, '"other"', CURRENT, True),
    ],
)
def test_preconditions_that_pass(if_match, if_none_match, current, required):
    check(Preconditions.from_headers(if_match, if_none_match), current, headers_required=required)


@pytest.mark.parametrize(
    ("if_match", "if_none_match", "current"),
    [
        ('"stale"', None, CURRENT),
        (f'"{CURRENT}"', None, None),  # If-Match on a document that does not exist
        ("*", None, None),
        (None, "*", CURRENT),
        (None, f'"{CURRENT}"', CURRENT),
    ],
)
def test_preconditions_that_fail_with_412(if_match, if_none_match, current):
    with pytest.raises(PreconditionFailed):
        check(Preconditions.from_headers(if_match, if_none_match), current, headers_required=True)


def test_put_without_headers_on_existing_profile_is_a_conflict_that_explains_itself():
    with pytest.raises(EditConflict) as caught:
        check(Preconditions(), CURRENT, headers_required=True)
    assert "If-Match" in caught.value.message and caught.value.status == 409


def test_merge_sets_top_level_properties_only():
    existing = json.dumps({"x": "foo", "y": "bar", "nested": {"a": 1, "b": 2}}).encode()
    posted = json.dumps({"x": "bash", "z": "faz", "nested": {"c": 3}}).encode()
    merged = json.loads(merge_documents(existing, JSON, posted, "application/json; charset=utf-8"))
    assert merged == {"x": "bash", "y": "bar", "z": "faz", "nested": {"c": 3}}


@pytest.mark.parametrize(
    ("existing", "existing_type", "posted", "posted_type", "message"),
    [
        (b'{"a":1}', JSON, b"plain", "text/plain", "only application/json"),
        (b"plain", "text/plain", b'{"a":1}', JSON, "stored document is not application/json"),
        (b'{"a":1}', JSON, b"[1,2]", JSON, "document: is not a JSON object"),
        (b'{"a":1}', JSON, b"{oops", JSON, "document: is not valid JSON"),
        (b'"text"', JSON, b'{"a":1}', JSON, "stored document: is not a JSON object"),
    ],
)
def test_merge_refuses_what_is_not_two_json_objects(existing, existing_type, posted, posted_type, message):
    with pytest.raises(InvalidDocumentRequest) as caught:
        merge_documents(existing, existing_type, posted, posted_type)
    assert message in caught.value.message and caught.value.status == 400


def test_agent_key_ignores_name_and_normalises_sha1():
    with_name = parse_agent('{"name": "Ann", "mbox": "mailto:ann@example.test"}')
    bare = parse_agent('{"objectType": "Agent", "mbox": "mailto:ann@example.test"}')
    assert agent_key(with_name) == agent_key(bare) == "mbox:mailto:ann@example.test"
    upper = parse_agent(json.dumps({"mbox_sha1sum": "A" * 40}))
    assert agent_key(upper) == "mbox_sha1sum:" + "a" * 40
    account = parse_agent('{"account": {"homePage": "https://elearn.example/", "name": "u1"}}')
    assert agent_key(account) == "account:https://elearn.example/ u1"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("not json", "must be a JSON Agent object"),
        ("[]", "must be a JSON Agent object"),
        ('{"objectType": "Group", "mbox": "mailto:g@example.test"}', "objectType"),
        ('{"name": "nobody"}', "exactly one of"),
        ('{"mbox": "mailto:a@example.test", "openid": "https://id.example/a"}', "exactly one of"),
        ('{"mbox": "a@example.test"}', "agent.mbox: must be a mailto: IRI"),
        ('{"mbox_sha1sum": "xyz"}', "agent.mbox_sha1sum"),
        ('{"account": {"homePage": "https://e.example/"}}', "agent.account: must have exactly"),
        ('{"account": {"homePage": "nohome", "name": "n"}}', "agent.account.homePage"),
        ('{"mbox": "mailto:a@example.test", "colour": "red"}', "agent.colour"),
    ],
)
def test_invalid_agents(raw, message):
    with pytest.raises(InvalidDocumentRequest) as caught:
        parse_agent(raw)
    assert message in caught.value.message


def test_registration_and_since_parsing():
    assert (
        parse_registration("9B4A0C0E-5AF8-4C53-8D48-0E2A33D6F4A1") == "9b4a0c0e-5af8-4c53-8d48-0e2a33d6f4a1"
    )
    with pytest.raises(InvalidDocumentRequest):
        parse_registration("not-a-uuid")
    since = parse_since("2026-11-22T10:00:00+02:00")
    assert since is not None and since.isoformat() == "2026-11-22T08:00:00+00:00"
    with pytest.raises(InvalidDocumentRequest):
        parse_since("yesterday")
