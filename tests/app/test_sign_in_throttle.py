"""Sign-in throttling holds against the attacker, not the agent: a growing wait per (email, address)
pair, a per-address ceiling high enough for a contact centre's NAT, Retry-After, admin unlock, audit."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import create_app
from app.accounts import throttle
from app.accounts.models import AuditEvent
from app.database import get_db
from tests.conftest import TEST_PASSWORD, csrf_token_from

AGENT_DESK, ATTACKER = "10.1.1.7", "198.51.100.66"
WRONG = "wrong-password-guess"


@pytest.fixture
def _push_request_context():
    """Give each request its own app context, as in production.

    pytest-flask pushes one request context for the whole test (and its ``client`` fixture keeps the last
    one), so every request would share one ``g``, where Flask-WTF caches a CSRF token and Flask-Login the
    signed-in user: the agent's, the attacker's and the admin's clients here must not share them. So
    these tests use plain ``app.test_client()`` clients only.
    """


@pytest.fixture
def app_config(app_config):
    # A long first wait, so that no test depends on how fast it runs.
    return {**app_config, "LOGIN_DELAY_SECONDS": 600}


def sign_in(client, email: str, password: str = TEST_PASSWORD, address: str = AGENT_DESK):
    environ = {"REMOTE_ADDR": address}
    token = csrf_token_from(client.get("/login", environ_base=environ).text)
    data = {"email": email, "password": password, "csrf_token": token}
    return client.post("/login", data=data, environ_base=environ)


def fail(client, email: str, times: int, address: str = ATTACKER) -> None:
    for _ in range(times):
        assert sign_in(client, email, WRONG, address).status_code == 400


def entries(session, action: str) -> list[AuditEvent]:
    session.expire_all()
    return list(
        session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
    )


def test_failures_from_one_address_do_not_lock_the_agent_out_from_their_own_desk(app, create_user):
    agent = create_user("learner")
    attacker = app.test_client()
    fail(attacker, agent.email, 5)
    assert sign_in(attacker, agent.email, WRONG, ATTACKER).status_code == 429
    assert sign_in(app.test_client(), agent.email).status_code == 302


def test_the_pair_under_attack_waits_even_with_the_right_password(app, create_user):
    client = app.test_client()
    agent = create_user("learner")
    fail(client, agent.email, 5)
    blocked = sign_in(client, agent.email, address=ATTACKER)
    assert blocked.status_code == 429
    assert "Too many failed sign-ins" in blocked.text


def test_unknown_email_is_throttled_the_same_way(app):
    client = app.test_client()
    fail(client, "ghost@example.test", 5)
    assert sign_in(client, "ghost@example.test", WRONG, ATTACKER).status_code == 429


def test_a_refused_sign_in_says_when_to_retry(app, create_user):
    client = app.test_client()
    agent = create_user("learner")
    fail(client, agent.email, 5)
    blocked = sign_in(client, agent.email, WRONG, ATTACKER)
    assert blocked.status_code == 429
    assert 590 <= int(blocked.headers["Retry-After"]) <= 600
    assert "10 minutes" in blocked.text


def test_thirty_failures_behind_one_nat_lock_nobody_else_out(app, create_user):
    agents = [create_user("learner") for _ in range(7)]
    shared_nat = "192.0.2.10"
    for agent in agents[:6]:
        fail(app.test_client(), agent.email, 5, address=shared_nat)
    assert sign_in(app.test_client(), agents[6].email, address=shared_nat).status_code == 302


def test_the_per_address_limit_is_configurable_and_holds_for_every_email(app_config, create_user):
    application = create_app({**app_config, "LOGIN_ADDRESS_LIMIT": 3})
    try:
        client = application.test_client()
        for number in range(3):
            fail(client, f"sprayed{number}@example.test", 1)
        refused = sign_in(client, "sprayed9@example.test", WRONG, ATTACKER)
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) > 0
        assert sign_in(client, "sprayed9@example.test", WRONG, AGENT_DESK).status_code == 400
    finally:
        get_db(application).dispose()


def test_the_wait_doubles_with_each_failure_and_stops_at_the_ceiling(session):
    policy = throttle.Policy(
        free_failures=3, first_delay=timedelta(seconds=2), max_delay=timedelta(seconds=60)
    )
    start = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    waits = []
    for minute in range(9):
        outcome = throttle.record_failure(
            session, "a@example.test", ATTACKER, policy, start + timedelta(minutes=minute)
        )
        waits.append(outcome.wait.total_seconds())
    assert waits == [0, 0, 2, 4, 8, 16, 32, 60, 60]
    last = start + timedelta(minutes=8)
    assert throttle.wait_before_sign_in(session, "a@example.test", ATTACKER, policy, last) == timedelta(
        seconds=60
    )
    assert throttle.wait_before_sign_in(session, "a@example.test", AGENT_DESK, policy, last) == timedelta(0)
    assert throttle.wait_before_sign_in(
        session, "A@Example.test ", ATTACKER, policy, last + timedelta(seconds=61)
    ) == timedelta(0)


def test_a_quiet_window_forgets_the_pair_but_a_steady_attack_does_not(session):
    policy = throttle.Policy(window=timedelta(minutes=15), free_failures=2, first_delay=timedelta(seconds=1))
    start = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    steady = [
        throttle.record_failure(
            session, "a@example.test", ATTACKER, policy, start + timedelta(minutes=10 * n)
        )
        for n in range(4)
    ]
    assert [o.wait.total_seconds() for o in steady] == [0, 1, 2, 4]  # 40 minutes, never 15 quiet ones
    after_quiet = throttle.record_failure(
        session, "a@example.test", ATTACKER, policy, start + timedelta(minutes=60)
    )
    assert after_quiet.wait == timedelta(0)


def test_failed_sign_ins_and_the_throttle_are_audited_with_plain_values(app, create_user, session):
    client = app.test_client()
    agent = create_user("learner")
    fail(client, agent.email.upper(), 5)
    failed = entries(session, "auth.login_failed")
    assert len(failed) == 5
    assert {(e.actor, e.target, e.details) for e in failed} == {
        ("anonymous", agent.email, json.dumps({"address": ATTACKER}))
    }
    [throttled] = entries(session, "auth.throttled")
    assert throttled.target == agent.email
    assert json.loads(throttled.details) == {"address": ATTACKER, "seconds": 600}
    assert WRONG not in "".join(e.details for e in failed)


def _admin_client(app, create_user, *roles: str):
    admin = create_user(*(roles or ("admin",)))
    client = app.test_client()
    assert sign_in(client, admin.email, address="127.0.0.1").status_code == 302
    return admin, client


def _locked_agent(app, create_user):
    agent = create_user("learner")
    fail(app.test_client(), agent.email, 5, address=AGENT_DESK)
    assert sign_in(app.test_client(), agent.email).status_code == 429
    return agent


def test_an_admin_unlocks_the_agent_and_the_unlock_is_audited(app, create_user, session):
    agent = _locked_agent(app, create_user)
    admin, client = _admin_client(app, create_user)
    page = client.get(f"/admin/users/{agent.id}")
    assert "must wait before trying again from 1" in page.text
    unlocked = client.post(f"/admin/users/{agent.id}/unlock", data={"csrf_token": csrf_token_from(page.text)})
    assert unlocked.status_code == 302
    assert sign_in(app.test_client(), agent.email).status_code == 302
    [event] = entries(session, "user.unlock")
    assert (event.actor, event.target, json.loads(event.details)) == (
        admin.email,
        agent.email,
        {"unlocked_addresses": 1},
    )


def test_unlock_needs_the_csrf_token_and_the_admin_role(app, create_user):
    agent = _locked_agent(app, create_user)
    _admin, client = _admin_client(app, create_user)
    assert client.post(f"/admin/users/{agent.id}/unlock").status_code == 400
    _lead, client = _admin_client(app, create_user, "mentor", "lead")
    token = csrf_token_from(client.get("/", follow_redirects=True).text)
    assert client.post(f"/admin/users/{agent.id}/unlock", data={"csrf_token": token}).status_code == 403
    assert sign_in(app.test_client(), agent.email).status_code == 429


def test_an_admin_password_reset_lifts_the_wait(app, create_user, session):
    agent = _locked_agent(app, create_user)
    _admin, client = _admin_client(app, create_user)
    page = client.get(f"/admin/users/{agent.id}")
    new_password = "a-fresh-phrase-for-monday"
    data = {"password": new_password, "csrf_token": csrf_token_from(page.text)}
    assert client.post(f"/admin/users/{agent.id}/password", data=data).status_code == 302
    assert sign_in(app.test_client(), agent.email, new_password).status_code == 302
    [event] = entries(session, "user.password_reset")
    assert json.loads(event.details) == {"unlocked_addresses": 1}


def test_the_client_address_comes_from_the_trusted_proxy_only(app_config, create_user):
    def attack_through_proxy(config):
        application = create_app(config)
        try:
            client = application.test_client()
            for number in range(5):
                # A different forged X-Forwarded-For each time, from the same peer.
                environ = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": f"203.0.113.{number}"}
                token = csrf_token_from(client.get("/login", environ_base=environ).text)
                data = {"email": "target@example.test", "password": WRONG, "csrf_token": token}
                client.post("/login", data=data, environ_base=environ)
            environ = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.99"}
            token = csrf_token_from(client.get("/login", environ_base=environ).text)
            data = {"email": "target@example.test", "password": WRONG, "csrf_token": token}
            return client.post("/login", data=data, environ_base=environ).status_code
        finally:
            get_db(application).dispose()

    # Without a trusted proxy the header is ignored: five failures from one peer, the sixth waits.
    assert attack_through_proxy(app_config) == 429
    # Behind one trusted proxy each forwarded address is its own client.
    assert attack_through_proxy({**app_config, "PROXY_COUNT": 1}) == 400
