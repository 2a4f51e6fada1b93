"""Document storage against the real migrated database: scopes, since, merge, delete-all."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from learning_record_store import documents
from learning_record_store.documents import Preconditions

ACTIVITY = "https://elearn.example/modules/call-closing"
ANN = documents.agent_key(documents.parse_agent('{"mbox": "mailto:ann@example.test"}'))
BOB = documents.agent_key(documents.parse_agent('{"mbox": "mailto:bob@example.test"}'))
REGISTRATION = "9b4a0c0e-5af8-4c53-8d48-0e2a33d6f4a1"
NONE = Preconditions()
CREATE = Preconditions.from_headers(None, "*")
T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def put(session, scope, document_id, content, *, content_type="application/json", now=T0, pre=CREATE):
    return documents.put_document(session, scope, document_id, content, content_type, pre, now=now)


def test_state_is_kept_per_activity_agent_and_registration(session):
    plain = documents.state_scope(ACTIVITY, ANN, None)
    registered = documents.state_scope(ACTIVITY, ANN, REGISTRATION)
    put(session, plain, "bookmark", b'{"page": 1}')
    put(session, registered, "bookmark", b'{"page": 7}')
    put(session, documents.state_scope(ACTIVITY, BOB, None), "bookmark", b'{"page": 3}')
    session.commit()
    assert documents.get_document(session, plain, "bookmark").content == b'{"page": 1}'
    assert documents.get_document(session, registered, "bookmark").content == b'{"page": 7}'
    # Without a registration the multiple-document forms cover every registration of activity + agent.
    assert sorted(documents.list_document_ids(session, plain).ids) == ["bookmark", "bookmark"]
    assert documents.list_document_ids(session, registered).ids == ["bookmark"]
    assert documents.delete_documents(session, registered) == 1
    assert documents.delete_documents(session, plain) == 1
    assert documents.list_document_ids(session, documents.state_scope(ACTIVITY, BOB, None)).ids == [
        "bookmark"
    ]


def test_since_is_exclusive_and_last_modified_is_the_newest(session):
    scope = documents.activity_profile_scope(ACTIVITY)
    put(session, scope, "old", b"1", content_type="text/plain", now=T0)
    put(session, scope, "new", b"2", content_type="text/plain", now=T0 + timedelta(minutes=5))
    listing = documents.list_document_ids(session, scope, since=T0)
    assert listing.ids == ["new"]
    assert listing.last_modified == "2026-11-22T09:05:00.000000Z"
    assert documents.list_document_ids(session, scope).ids == ["old", "new"]


def test_put_replaces_and_post_merges(session):
    scope = documents.agent_profile_scope(ANN)
    first = put(session, scope, "prefs", b'{"a": 1, "b": 2}')
    etag = first.etag
    documents.post_document(session, scope, "prefs", b'{"b": 3, "c": 4}', "application/json", NONE)
    stored = documents.get_document(session, scope, "prefs")
    assert json.loads(stored.content) == {"a": 1, "b": 3, "c": 4}
    assert stored.etag == documents.etag_of(stored.content) != etag
    with pytest.raises(documents.PreconditionFailed):
        put(session, scope, "prefs", b"{}", pre=Preconditions.from_headers(f'"{etag}"', None))
    put(session, scope, "prefs", b'{"z": 0}', pre=Preconditions.from_headers(f'"{stored.etag}"', None))
    assert documents.get_document(session, scope, "prefs").content == b'{"z": 0}'


def test_failed_merge_leaves_the_document_alone(session):
    scope = documents.activity_profile_scope(ACTIVITY)
    put(session, scope, "notes", b"plain words", content_type="text/plain")
    with pytest.raises(documents.InvalidDocumentRequest):
        documents.post_document(session, scope, "notes", b'{"a": 1}', "application/json", NONE)
    assert documents.get_document(session, scope, "notes").content == b"plain words"


def test_post_to_a_new_document_stores_it_as_sent(session):
    scope = documents.activity_profile_scope(ACTIVITY)
    documents.post_document(session, scope, "fresh", b"raw \x00 bytes", "application/octet-stream", NONE)
    stored = documents.get_document(session, scope, "fresh")
    assert stored.content == b"raw \x00 bytes" and stored.content_type == "application/octet-stream"


def test_long_ids_and_iris_are_addressable(session):
    long_activity = ACTIVITY + "/" + "x" * 3000
    scope = documents.activity_profile_scope(long_activity)
    put(session, scope, "y" * 2000, b"{}")
    session.commit()
    assert documents.get_document(session, scope, "y" * 2000) is not None
    assert documents.get_document(session, documents.activity_profile_scope(ACTIVITY), "y" * 2000) is None


def test_a_profile_put_without_preconditions_is_refused_unless_strictness_is_turned_off(session):
    profile = documents.agent_profile_scope(ANN)
    with pytest.raises(documents.MissingPrecondition) as caught:
        documents.put_document(session, profile, "prefs", b"{}", "application/json", NONE)
    assert caught.value.status == 400 and "If-None-Match" in caught.value.message
    assert documents.get_document(session, profile, "prefs") is None
    documents.put_document(session, profile, "prefs", b"{}", "application/json", NONE, strict=False)
    assert documents.get_document(session, profile, "prefs") is not None
    state = documents.state_scope(ACTIVITY, ANN, None)
    documents.put_document(session, state, "bookmark", b"{}", "application/json", NONE)
    assert documents.get_document(session, state, "bookmark") is not None
