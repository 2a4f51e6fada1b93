"""Forwarding wired into the app: outbox rows written with the statements, the CLI, the background worker."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import func, select

from app import create_app
from app.database import get_db
from learning_record_store import record_statements
from learning_record_store.forwarding import OutboxEntry, TargetConfigError
from tests.learning_record_store.fake_lrs import FakeLRS
from tests.learning_record_store.test_documents_http import credentials

PASSED = "http://adlnet.gov/expapi/verbs/passed"
EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced"


def statement(number: int, verb: str = EXPERIENCED) -> dict:
    return {
        "actor": {"mbox": "mailto:ann@example.test"},
        "verb": {"id": verb},
        "object": {"id": f"https://elearn.example/modules/m1/page-{number}"},
    }


@pytest.fixture
def lrs():
    with FakeLRS().running() as fake:
        yield fake


@pytest.fixture
def app_config(app_config, lrs):
    targets = [
        {"name": "everything", "endpoint": lrs.endpoint, "username": "fwd-key", "password": "fwd-secret"},
        {
            "name": "passes",
            "endpoint": lrs.endpoint,
            "key": "fwd-key",
            "secret": "fwd-secret",
            "verbs": [PASSED],
        },
    ]
    return {**app_config, "LRS_FORWARD_TARGETS": json.dumps(targets), "LRS_FORWARD_BACKOFF_SECONDS": 0}


def outbox_count(app, **where) -> int:
    with get_db(app).session_factory() as session:
        query = select(func.count()).select_from(OutboxEntry)
        for name, value in where.items():
            query = query.where(getattr(OutboxEntry, name) == value)
        return int(session.scalar(query))


def test_statements_posted_to_the_lrs_are_forwarded_by_the_cli_in_order(app, client, lrs):
    headers = {**credentials(app, "statements/write"), "Content-Type": "application/json"}
    batch = [statement(n) for n in range(3)] + [statement(3, PASSED)]
    response = client.post("/xapi/statements", data=json.dumps(batch), headers=headers)
    assert response.status_code == 200, response.json
    ids = response.json
    assert outbox_count(app, target="everything") == 4 and outbox_count(app, target="passes") == 1
    # A rejected batch writes no outbox rows.
    invalid = [statement(4), {"verb": {"id": EXPERIENCED}}]
    assert client.post("/xapi/statements", data=json.dumps(invalid), headers=headers).status_code == 400
    assert outbox_count(app) == 5

    result = app.test_cli_runner().invoke(args=["lrs", "forward"])
    assert result.exit_code == 0, result.output
    assert "everything: delivered 4" in result.output and "passes: delivered 1" in result.output
    # Both targets are the same fake LRS here: the second one's copy of the passed statement is a 409 there,
    # which counts as delivered.
    assert lrs.stored == ids
    assert outbox_count(app, delivered_at=None) == 0


def test_rolled_back_statements_are_not_forwarded(app):
    with app.app_context(), get_db(app).session_factory() as session:
        record_statements(session, [statement(1)])
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 1  # in this transaction
        session.rollback()
    assert outbox_count(app) == 0


def test_report_lists_targets_that_keep_failing(app, lrs):
    with app.app_context(), get_db(app).transaction() as session:
        record_statements(session, [statement(1, PASSED)])
    lrs.script = ["refuse"] * 6
    runner = app.test_cli_runner()
    for _ in range(3):
        assert runner.invoke(args=["lrs", "forward"]).exit_code == 1
    report = runner.invoke(args=["lrs", "forward", "--report", "--min-attempts", "2"])
    assert report.exit_code == 1
    assert "everything: 1 waiting" in report.output and "passes: 1 waiting" in report.output
    assert "failed 3 times" in report.output and "HTTP 503" in report.output
    lrs.script = []
    assert runner.invoke(args=["lrs", "forward"]).exit_code == 0
    quiet = runner.invoke(args=["lrs", "forward", "--report"])
    assert quiet.exit_code == 0 and "No target" in quiet.output


def test_background_worker_forwards_without_the_cli(app_config, lrs):
    application = create_app({**app_config, "LRS_FORWARD_IN_BACKGROUND": True, "LRS_FORWARD_INTERVAL": 0.05})
    worker = application.extensions["elearn.lrs_forwarding.worker"]
    try:
        with application.app_context(), get_db(application).transaction() as session:
            ids = record_statements(session, [statement(n) for n in range(5)])
        deadline = time.monotonic() + 15
        while len(lrs.stored) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert lrs.stored == ids
    finally:
        worker.stop()
        worker.join(timeout=10)
        get_db(application).dispose()


def test_no_worker_under_tests_and_bad_targets_fail_at_start(app, app_config):
    assert "elearn.lrs_forwarding.worker" not in app.extensions
    with pytest.raises(TargetConfigError):
        create_app({**app_config, "LRS_FORWARD_TARGETS": '[{"endpoint": "nowhere"}]'})
