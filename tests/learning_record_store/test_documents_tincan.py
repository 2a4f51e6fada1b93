"""TinCanPython's RemoteLRS reading and writing documents against the LRS served for real.

Plain ``RemoteLRS`` creates profiles with a bare PUT, which the record store refuses by default; the
project's ``PreconditionRemoteLRS`` sends ``If-None-Match: *`` or ``If-Match`` on every document write.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from tincan import Activity, Agent, RemoteLRS
from tincan.documents import ActivityProfileDocument, AgentProfileDocument, StateDocument

from app.database import get_db
from learning_record_store.credentials import create_client
from learning_record_store.remote import PreconditionRemoteLRS

ACTIVITY = Activity(id="https://elearn.example/modules/call-closing")
LEARNER = Agent(name="Ann", mbox="mailto:ann@example.test")
REGISTRATION = "9b4a0c0e-5af8-4c53-8d48-0e2a33d6f4a1"


def _credentials(app) -> tuple[str, str]:
    with get_db(app).transaction() as session:
        issued = create_client(session, name="tincan", scopes="state profile")
        return issued.client.key, issued.secret


@pytest.fixture
def remote(app, live_server):
    key, secret = _credentials(app)
    endpoint = live_server.url("/xapi") + "/"
    return PreconditionRemoteLRS(endpoint=endpoint, username=key, password=secret, version="1.0.3")


@pytest.fixture
def plain(app, live_server):
    key, secret = _credentials(app)
    return RemoteLRS(endpoint=live_server.url("/xapi") + "/", username=key, password=secret, version="1.0.3")


def test_about(remote):
    response = remote.about()
    assert response.success and "1.0.3" in response.content.version


def test_plain_remote_lrs_cannot_create_a_profile_by_default(plain):
    profile = ActivityProfileDocument(
        id="settings", activity=ACTIVITY, content="{}", content_type="application/json"
    )
    saved = plain.save_activity_profile(profile)
    assert not saved.success and saved.response.status == 400
    assert "If-None-Match" in json.loads(saved.data)["message"]
    agent_profile = AgentProfileDocument(
        id="preferences", agent=LEARNER, content="x", content_type="text/plain"
    )
    assert plain.save_agent_profile(agent_profile).response.status == 400
    assert plain.retrieve_activity_profile_ids(ACTIVITY).content == []


def test_state_round_trip(remote):
    state = StateDocument(
        id="bookmark",
        activity=ACTIVITY,
        agent=LEARNER,
        registration=REGISTRATION,
        content='{"page": 4}',
        content_type="application/json",
    )
    saved = remote.save_state(state)
    assert saved.success, saved.data
    assert state.etag == '"' + hashlib.sha1(b'{"page": 4}').hexdigest() + '"'
    # A second client that has not seen the state cannot overwrite it (If-None-Match: *).
    unaware = StateDocument(id="bookmark", activity=ACTIVITY, agent=LEARNER, registration=REGISTRATION)
    unaware.content, unaware.content_type = '{"page": 1}', "application/json"
    assert remote.save_state(unaware).response.status == 412
    fetched = remote.retrieve_state(ACTIVITY, LEARNER, "bookmark", registration=REGISTRATION)
    assert fetched.success and json.loads(fetched.content.content) == {"page": 4}
    assert fetched.content.etag == state.etag
    fetched.content.content = '{"page": 5}'
    assert remote.save_state(fetched.content).success  # If-Match: the ETag it fetched
    assert remote.save_state(state).response.status == 412  # the ETag it holds is stale now
    again = remote.retrieve_state(ACTIVITY, LEARNER, "bookmark", registration=REGISTRATION)
    assert json.loads(again.content.content) == {"page": 5}
    ids = remote.retrieve_state_ids(ACTIVITY, LEARNER, registration=REGISTRATION)
    assert ids.success and ids.content == ["bookmark"]
    assert remote.retrieve_state_ids(ACTIVITY, LEARNER).content == ["bookmark"]
    assert remote.clear_state(ACTIVITY, LEARNER).success
    assert remote.retrieve_state_ids(ACTIVITY, LEARNER).content == []


def test_activity_profile_round_trip_with_etag(remote):
    profile = ActivityProfileDocument(
        id="settings", activity=ACTIVITY, content='{"v": 1}', content_type="application/json"
    )
    assert remote.save_activity_profile(profile).success
    fetched = remote.retrieve_activity_profile(ACTIVITY, "settings")
    assert fetched.success and fetched.content.content == b'{"v": 1}'
    assert fetched.content.etag == fetched.response.getheader("ETag") == profile.etag
    # A new document object (no ETag) must not replace the stored one: If-None-Match: * fails.
    stranger = ActivityProfileDocument(
        id="settings", activity=ACTIVITY, content="{}", content_type="application/json"
    )
    assert remote.save_activity_profile(stranger).response.status == 412
    fetched.content.content = '{"v": 2}'
    assert remote.save_activity_profile(fetched.content).success
    assert remote.retrieve_activity_profile(ACTIVITY, "settings").content.content == b'{"v": 2}'
    assert remote.retrieve_activity_profile_ids(ACTIVITY).content == ["settings"]
    assert remote.delete_activity_profile(profile).success is False  # its etag is stale now
    assert remote.delete_activity_profile(fetched.content).success
    assert remote.retrieve_activity_profile_ids(ACTIVITY).content == []


def test_agent_profile_round_trip(remote):
    profile = AgentProfileDocument(
        id="preferences", agent=LEARNER, content="plain text", content_type="text/plain"
    )
    assert remote.save_agent_profile(profile).success
    fetched = remote.retrieve_agent_profile(LEARNER, "preferences")
    assert fetched.success and fetched.content.content == b"plain text"
    assert fetched.response.getheader("Content-Type").startswith("text/plain")
    assert fetched.content.etag == profile.etag
    profile.content = "changed"
    assert remote.save_agent_profile(profile).success  # If-Match: the ETag of the version it saved
    assert remote.retrieve_agent_profile(LEARNER, "preferences").content.content == b"changed"
    assert remote.retrieve_agent_profile_ids(LEARNER).content == ["preferences"]
    assert remote.delete_agent_profile(profile).success
    missing = remote.retrieve_agent_profile(LEARNER, "preferences")
    assert missing.response.status == 404 and missing.content.etag is None
