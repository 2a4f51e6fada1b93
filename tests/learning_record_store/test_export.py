"""Statements out: `elearn lrs export` (JSON Lines, CSV, filters), constant memory, the admin download."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
import uuid

import pytest

from app.database import get_db
from learning_record_store import record_statements
from learning_record_store.export import (
    CSV_COLUMNS,
    csv_row,
    export_statements,
    iter_statements,
    query_from_filters,
)
from learning_record_store.vocabulary import ActivityType, Extension, Verb

MODULE = "https://elearn.example/modules/call-closing"
COURSE = "https://elearn.example/courses/contact-basics"
HOME = "https://elearn.example/"
REGISTRATION = "6fbd600f-d17c-4c74-801a-2ec2e53231c7"
COMPETENCIES = [{"id": "https://elearn.example/competencies/closing", "weight": 0.5}]


def answered(learner: str = "u-ann", *, success: bool = True, raw: float = 0) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "name": "Ann", "account": {"homePage": HOME, "name": learner}},
        "verb": {"id": Verb.ANSWERED, "display": {"en-US": "answered"}},
        "object": {
            "id": MODULE + "/q1",
            "definition": {"type": ActivityType.INTERACTION, "name": {"en-US": "Question 1"}},
        },
        "result": {
            "success": success,
            "score": {"raw": raw, "min": 0, "max": 1, "scaled": raw},
            "response": "b",
            "duration": "PT12S",
        },
        "context": {
            "registration": REGISTRATION,
            "contextActivities": {"parent": [{"id": MODULE}], "grouping": [{"id": COURSE}]},
            "extensions": {Extension.COMPETENCIES: COMPETENCIES},
        },
        "timestamp": "2026-11-22T09:00:00.000Z",
    }


def passed(learner: str = "u-ann") -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": HOME, "name": learner}},
        "verb": {"id": Verb.PASSED},
        "object": {"id": MODULE},
        "result": {"success": True, "completion": True, "score": {"scaled": 0.9}},
    }


def store(app, statements):
    with get_db(app).transaction() as session:
        record_statements(session, statements)


def test_csv_row_flattens_result_context_and_competencies():
    statement = answered(raw=0)
    row = dict(zip(CSV_COLUMNS, csv_row(statement), strict=True))
    assert row["actor"] == f"{HOME}#u-ann" and row["actor_name"] == "Ann"
    assert (row["verb"], row["verb_display"]) == (Verb.ANSWERED, "answered")
    assert (row["object_type"], row["object"], row["object_name"]) == (
        "Activity",
        MODULE + "/q1",
        "Question 1",
    )
    assert (row["result_success"], row["result_score_raw"], row["result_score_scaled"]) == ("true", "0", "0")
    assert (row["result_response"], row["result_duration"], row["result_completion"]) == ("b", "PT12S", "")
    assert (row["registration"], row["parent"], row["grouping"]) == (REGISTRATION, MODULE, COURSE)
    assert json.loads(row["competencies"]) == COMPETENCIES


def test_cli_exports_jsonl_and_csv_with_filters(app, tmp_path):
    first, second, other = answered(raw=1), passed(), answered("u-bob", success=False)
    store(app, [first, second])
    store(app, [other])
    runner = app.test_cli_runner()

    everything = tmp_path / "all.jsonl"
    result = runner.invoke(args=["lrs", "export", "-o", str(everything)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in everything.read_text().splitlines()]
    assert [s["id"] for s in lines] == [first["id"], second["id"], other["id"]]  # oldest first
    assert all("stored" in s and "authority" in s for s in lines)

    by_verb = tmp_path / "answered.csv"
    result = runner.invoke(
        args=["lrs", "export", "--format", "csv", "--verb", Verb.ANSWERED, "-o", str(by_verb)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(by_verb.read_text())))
    assert [row["id"] for row in rows] == [first["id"], other["id"]]
    assert rows[1]["result_success"] == "false" and rows[0]["result_score_raw"] == "1"

    agent = json.dumps({"account": {"homePage": HOME, "name": "u-bob"}})
    by_agent = tmp_path / "bob.jsonl"
    assert runner.invoke(args=["lrs", "export", "--agent", agent, "-o", str(by_agent)]).exit_code == 0
    assert [json.loads(line)["id"] for line in by_agent.read_text().splitlines()] == [other["id"]]

    by_activity = tmp_path / "module.jsonl"
    assert runner.invoke(args=["lrs", "export", "--activity", MODULE, "-o", str(by_activity)]).exit_code == 0
    assert [json.loads(line)["id"] for line in by_activity.read_text().splitlines()] == [second["id"]]

    future = tmp_path / "future.csv"
    args = ["lrs", "export", "--format", "csv", "--since", "2999-01-01T00:00:00Z", "-o", str(future)]
    assert runner.invoke(args=args).exit_code == 0
    assert future.read_text().splitlines() == [",".join(CSV_COLUMNS)]
    past = runner.invoke(args=["lrs", "export", "--until", "2000-01-01T00:00:00Z", "-o", "-"])
    assert past.exit_code == 0 and past.stdout == ""

    bad = runner.invoke(args=["lrs", "export", "--since", "last week", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "since" in bad.output


def test_export_reads_page_by_page_in_constant_memory(app):
    for _ in range(6):
        store(app, [answered() for _ in range(250)])
    factory = get_db(app).session_factory
    opened = []

    def sessions():
        opened.append(1)
        return factory()

    tracemalloc.start()
    count, peak_in_second_page = 0, 0
    for index, _statement in enumerate(iter_statements(sessions, query_from_filters())):
        count += 1
        if index == 700:
            peak_in_second_page = tracemalloc.get_traced_memory()[1]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 1500
    assert len(opened) == 3  # pages of 500, each in its own short session
    # Reading the third page costs no more than holding the second: memory does not grow with the export.
    assert peak < peak_in_second_page * 1.25, (peak, peak_in_second_page)
    out = io.StringIO()
    assert export_statements(factory, query_from_filters(verb=Verb.PASSED), "csv", out) == 0


def test_admin_downloads_statements(app, client, auth):
    first, second = answered(), passed()
    store(app, [first, second])
    auth.login_as("admin")
    page = client.get("/admin/lrs/export")
    assert page.status_code == 200 and b"Export statements" in page.data
    response = client.get(f"/admin/lrs/export/download?format=csv&verb={Verb.PASSED}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="statements.csv"'
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [row["id"] for row in rows] == [second["id"]]
    everything = client.get("/admin/lrs/export/download?format=jsonl")
    assert [json.loads(line)["id"] for line in everything.get_data(as_text=True).splitlines()] == [
        first["id"],
        second["id"],
    ]
    assert client.get("/admin/lrs/export/download?format=xml").status_code == 400
    assert client.get("/admin/lrs/export/download?agent=%7Bbroken").status_code == 400


@pytest.mark.parametrize("role", ["learner", "mentor", "lead"])
def test_only_admins_download_statements(client, auth, role):
    auth.login_as(role)
    assert client.get("/admin/lrs/export/download").status_code == 403
