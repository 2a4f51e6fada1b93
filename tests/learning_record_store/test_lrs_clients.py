"""LRS client credentials: the CLI, the admin page, and how secrets are kept."""

from __future__ import annotations

import re

from app.database import get_db
from learning_record_store.credentials import authenticate, list_clients
from tests.conftest import csrf_token_from
from tests.learning_record_store.statement_fixtures import basic


def test_cli_create_list_revoke(app, client):
    runner = app.test_cli_runner()
    created = runner.invoke(
        args=[
            "lrs",
            "clients",
            "create",
            "--name",
            "Player",
            "--scopes",
            "statements/write statements/read/mine",
        ]
    )
    assert created.exit_code == 0, created.output
    key = re.search(r"key:\s+(\w+)", created.output).group(1)
    secret = re.search(r"secret:\s+(\S+)", created.output).group(1)
    with get_db(app).transaction() as session:
        stored = list_clients(session)[0]
        assert secret not in (stored.secret_hash, stored.secret_salt) and len(stored.secret_hash) == 64
        assert authenticate(session, key, secret) is not None
        assert authenticate(session, key, secret + "x") is None
    listed = runner.invoke(args=["lrs", "clients", "list"])
    assert key in listed.output and "active" in listed.output and secret not in listed.output
    assert client.get("/xapi/statements", headers=basic(key, secret)).status_code == 200
    assert runner.invoke(args=["lrs", "clients", "revoke", key]).exit_code == 0
    assert "revoked" in runner.invoke(args=["lrs", "clients", "list"]).output
    assert client.get("/xapi/statements", headers=basic(key, secret)).status_code == 401
    assert (
        runner.invoke(args=["lrs", "clients", "create", "--name", "X", "--scopes", "everything"]).exit_code
        != 0
    )
    assert runner.invoke(args=["lrs", "clients", "revoke", "unknown"]).exit_code != 0


def test_admin_page_creates_and_revokes(client, auth):
    auth.login_as("admin")
    page = client.get("/admin/lrs/clients")
    assert page.status_code == 200
    response = client.post(
        "/admin/lrs/clients",
        data={
            "name": "Simulator",
            "scopes": ["statements/write", "state"],
            "csrf_token": csrf_token_from(page.text),
        },
    )
    assert response.status_code == 200
    key = re.search(r'id="issued-key">(\w+)<', response.text).group(1)
    secret = re.search(r'id="issued-secret">([^<]+)<', response.text).group(1)
    assert client.post("/xapi/statements", json={}, headers={**basic(key, secret)}).status_code == 400
    listing = client.get("/admin/lrs/clients").text
    assert key in listing and secret not in listing
    revoked = client.post(f"/admin/lrs/clients/{key}/revoke", data={"csrf_token": csrf_token_from(listing)})
    assert revoked.status_code == 302
    assert client.get("/xapi/statements", headers=basic(key, secret)).status_code == 401
    no_csrf = client.post("/admin/lrs/clients", data={"name": "Nope", "scopes": ["state"]})
    assert no_csrf.status_code == 400


def test_admin_page_is_for_admins_only(client, auth):
    auth.login_as("learner")
    assert client.get("/admin/lrs/clients").status_code == 403
    assert client.post("/admin/lrs/clients", data={"name": "X", "scopes": ["all"]}).status_code in (400, 403)
