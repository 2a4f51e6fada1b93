"""TinCanPython's RemoteLRS reading and writing documents against the LRS served for real."""

from __future__ import annotations

import hashlib
import json

import pytest
from tincan import Activity, Agent, RemoteLRS
from tincan.documents import ActivityProfileDocument, AgentProfileDocument, StateDocument

from app.database import get_db
from learning_record_store.credentials import create_client

ACTIVITY = Activity(id="https://elearn.example/modules/call-closing")
LEARNER = Agent(name="Ann", mbox="mailto:ann@example.test")


@pytest.fixture
def remote(app, live_server):
    with get_db(app).transaction() as session:
        issued = create_client(session, name="tincan", scopes="state profile")
        key, secret = issued.client.key, issued.secret
    return RemoteLRS(endpoint=live_server.url("/xapi") + "/", username=key, password=secret, version="1.0.3")


def test_about(remote):
    response = remote.about()
    assert response.success and "1.0.3" in response.content.version


def test_state_round_trip(remote):
    state = StateDocument(
        id="bookmark",
        activity=ACTIVITY,
        agent=LEARNER,
        content='{"page": 4}',
        content_type="application/json",
    )
    assert remote.save_state(state).success  # sends the PUT twice: state needs no concurrency headers
    fetched = remote.retrieve_state(ACTIVITY, LEARNER, "bookmark")
    assert fetched.success and json.loads(fetched.content.content) == {"page": 4}
    assert fetched.response.getheader("ETag") == '"' + hashlib.sha1(b'{"page": 4}').hexdigest() + '"'
    ids = remote.retrieve_state_ids(ACTIVITY, LEARNER)
    assert ids.success and ids.content == ["bookmark"]
    assert remote.clear_state(ACTIVITY, LEARNER).success
    assert remote.retrieve_state_ids(ACTIVITY, LEARNER).content == []


def test_activity_profile_round_trip_with_etag(remote):
    profile = ActivityProfileDocument(
        id="settings", activity=ACTIVITY, content='{"v": 1}', content_type="application/json"
    )
    assert remote.save_activity_profile(profile).success
    fetched = remote.retrieve_activity_profile(ACTIVITY, "settings")
    assert fetched.success and fetched.content.content == b'{"v": 1}'
    # A second save must name the version it replaces.
    profile.content = '{"v": 2}'
    assert not remote.save_activity_profile(profile).success
    profile.etag = fetched.response.getheader("ETag")
    assert remote.save_activity_profile(profile).success
    assert remote.retrieve_activity_profile(ACTIVITY, "settings").content.content == b'{"v": 2}'
    assert remote.retrieve_activity_profile_ids(ACTIVITY).content == ["settings"]
    assert remote.delete_activity_profile(profile).success is False  # the etag is stale now
    profile.etag = None
    assert remote.delete_activity_profile(profile).success
    assert remote.retrieve_activity_profile_ids(ACTIVITY).content == []


def test_agent_profile_round_trip(remote):
    profile = AgentProfileDocument(
        id="preferences", agent=LEARNER, content="plain text", content_type="text/plain"
    )
    assert remote.save_agent_profile(profile).success
    fetched = remote.retrieve_agent_profile(LEARNER, "preferences")
    assert fetched.success and fetched.content.content == b"plain text"
    assert fetched.response.getheader("Content-Type").startswith("text/plain")
    assert remote.retrieve_agent_profile_ids(LEARNER).content == ["preferences"]
    profile.etag = fetched.response.getheader("ETag")
    assert remote.delete_agent_profile(profile).success
    missing = remote.retrieve_agent_profile(LEARNER, "preferences")
    assert missing.response.status == 404
