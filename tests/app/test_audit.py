"""Administrative actions leave audit entries: LRS clients, exports, and accounts created on the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import select

from app.accounts.models import AuditEvent
from courses import build_content
from tests.conftest import TEST_PASSWORD, csrf_token_from

CONTENT = Path(__file__).resolve().parents[2] / "content"


def entries(session, action: str) -> list[AuditEvent]:
    session.expire_all()
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_admin_client_create_and_revoke_are_audited_without_the_secret(client, auth, session):
    admin = auth.login_as("admin")
    page = client.get("/admin/lrs/clients")
    data = {"name": "Simulator", "scopes": ["statements/write"], "csrf_token": csrf_token_from(page.text)}
    created = client.post("/admin/lrs/clients", data=data)
    key = re.search(r'id="issued-key">(\w+)<', created.text).group(1)
    secret = re.search(r'id="issued-secret">([^<]+)<', created.text).group(1)
    [event] = entries(session, "lrs_client.create")
    assert (event.actor, event.target) == (admin.email, key)
    assert json.loads(event.details) == {"name": "Simulator", "scopes": "statements/write"}
    assert secret not in event.details
    listing = client.get("/admin/lrs/clients").text
    client.post(f"/admin/lrs/clients/{key}/revoke", data={"csrf_token": csrf_token_from(listing)})
    [revoked] = entries(session, "lrs_client.revoke")
    assert (revoked.actor, revoked.target) == (admin.email, key)


def test_cli_client_commands_are_audited(app, session):
    runner = app.test_cli_runner()
    created = runner.invoke(args=["lrs", "clients", "create", "--name", "Player", "--scopes", "state"])
    key = re.search(r"key:\s+(\w+)", created.output).group(1)
    secret = re.search(r"secret:\s+(\S+)", created.output).group(1)
    [event] = entries(session, "lrs_client.create")
    assert (event.actor, event.target) == ("cli", key) and secret not in event.details
    assert runner.invoke(args=["lrs", "clients", "revoke", key]).exit_code == 0
    assert [(e.actor, e.target) for e in entries(session, "lrs_client.revoke")] == [("cli", key)]


def test_cli_user_creation_is_audited_without_the_password(app, session):
    runner = app.test_cli_runner()
    args = ["users", "create", "--email", "sam@example.test", "--name", "Sam", "--role", "mentor"]
    result = runner.invoke(args=[*args, "--password", TEST_PASSWORD])
    assert result.exit_code == 0, result.output
    [event] = entries(session, "user.create")
    assert (event.actor, event.target) == ("cli", "sam@example.test")
    assert json.loads(event.details) == {"roles": ["mentor"]}
    assert TEST_PASSWORD not in event.details


def test_package_exports_are_audited(app, client, auth, session, tmp_path):
    assert not build_content(session, CONTENT).errors
    session.commit()
    admin = auth.login_as("admin")
    query = [("format", "scorm12"), ("module", "call-opening")]
    assert client.get("/admin/exports/download", query_string=query).status_code == 200
    output = tmp_path / "package.zip"
    result = app.test_cli_runner().invoke(
        args=["export", "call-opening", "--format", "cmi5", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    events = [(e.actor, e.target, json.loads(e.details)) for e in entries(session, "package.export")]
    assert events == [
        (admin.email, "scorm12", {"modules": ["call-opening"]}),
        ("cli", "cmi5", {"modules": ["call-opening"]}),
    ]


def test_statement_exports_are_audited(app, client, auth, session, tmp_path):
    admin = auth.login_as("admin")
    download = client.get(
        "/admin/lrs/export/download", query_string={"format": "csv", "verb": "http://x.test/v"}
    )
    assert download.status_code == 200
    download.close()
    result = app.test_cli_runner().invoke(args=["lrs", "export", "-o", str(tmp_path / "all.jsonl")])
    assert result.exit_code == 0, result.output
    events = [(e.actor, e.target, json.loads(e.details)) for e in entries(session, "lrs.export")]
    assert events == [
        (admin.email, "csv", {"verb": "http://x.test/v"}),
        ("cli", "jsonl", {"statements": 0}),
    ]


def test_the_audit_log_reads_as_sentences_without_object_reprs(client, auth, app):
    from app.accounts import audit
    from app.database import get_db

    class Summary:  # a value JSON cannot hold, as an eraser might return
        pass

    with get_db(app).transaction() as db_session:
        audit.record(db_session, actor="cli", action="user.erase", target="user:7", summary=Summary())
        audit.record(
            db_session, actor="cli", action="user.update", roles_before=["learner"], roles_after=["mentor"]
        )
    auth.login_as("admin")
    html = client.get("/admin/users/audit").get_data(as_text=True)
    assert "object at 0x" not in html
    assert "The command line" in html and "erased the personal data of" in html
    assert "<dt>Roles before</dt><dd>learner</dd>" in html and "<dt>Roles after</dt><dd>mentor</dd>" in html
    assert "&#34;" not in html  # no raw JSON
