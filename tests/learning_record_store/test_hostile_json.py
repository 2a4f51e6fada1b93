"""JSON read strictly: non-finite numbers, lone surrogates, NUL and deep nesting are a 400 naming the path."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.database import get_db
from learning_record_store import StatementValidationError, record_statements
from learning_record_store.export import export_statements, query_from_filters
from learning_record_store.strict_json import MAX_DEPTH, InvalidJSON, parse
from tests.learning_record_store.statement_fixtures import REGISTRATION, new_id, statement

SCORE = '{"result": {"score": {"raw": %s, "min": 0, "max": 10}}}'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SCORE % "1e400", "$.result.score.raw: 1e400 is not a finite number"),
        (SCORE % "-1e400", "$.result.score.raw: -1e400 is not a finite number"),
        (SCORE % "NaN", "$.result.score.raw: NaN is not a finite number"),
        ('[1, {"a": Infinity}]', "$[1].a: Infinity is not a finite number"),
        ('{"a": ' + "9" * 400 + "}", "$.a: integer beyond the range of a number"),
        ('{"actor": {"name": "\\ud800"}}', "$.actor.name: contains a lone surrogate (\\ud800)"),
        ('{"actor": {"name": "x\\udfff"}}', "$.actor.name: contains a lone surrogate (\\udfff)"),
        ('{"x": ["ok", "a\\u0000b"]}', "$.x[1]: contains a NUL character"),
        ('{"ext": {"k\\u0000": 1}}', "$.ext: a property name contains a NUL character"),
        ('{"https://x.example/e": {"v": NaN}}', '$["https://x.example/e"].v: NaN'),
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), f"nested deeper than {MAX_DEPTH} levels"),
        ("[" * 100_000 + "]" * 100_000, f"nested deeper than {MAX_DEPTH} levels"),
        ('{"a": ' * 100_000 + "1" + "}" * 100_000, f"nested deeper than {MAX_DEPTH} levels"),
        (b'{"a": "\xed\xa0\x80"}', "request body: is not valid JSON"),
        ("{oops", "request body: is not valid JSON"),
    ],
)
def test_refused_json_names_the_path(text: str | bytes, message: str) -> None:
    with pytest.raises(InvalidJSON) as caught:
        parse(text.encode() if isinstance(text, str) else text)
    assert message in caught.value.message and caught.value.status == 400


@pytest.mark.parametrize(
    "text",
    [
        '{"ok": "\\ud83d\\ude00", "big": 1.7e308, "small": -5e-324, "int": ' + "9" * 300 + "}",
        "[" * MAX_DEPTH + "]" * MAX_DEPTH,
        '{"a": "[[[[\\"\\\\"}',
        '{"a": "' + "[" * 200 + '"}',
    ],
)
def test_ordinary_json_passes(text: str) -> None:
    assert parse(text.encode()) == json.loads(text)


def _post(client: FlaskClient, headers: dict[str, str], body: str | bytes) -> Any:
    return client.post("/xapi/statements", data=body, headers=headers, content_type="application/json")


@pytest.mark.parametrize(
    ("body", "path"),
    [
        (json.dumps(statement()).replace('"Ann"', '"\\ud800"'), "$.actor.name: contains a lone surrogate"),
        (json.dumps(statement()).replace('"Ann"', '"A\\u0000nn"'), "$.actor.name: contains a NUL"),
        (
            json.dumps([statement(result={"score": {"raw": 1}})]).replace('"raw": 1', '"raw": 1e400'),
            "$[0].result.score.raw: 1e400 is not a finite number",
        ),
        ("[" * 50_000 + "]" * 50_000, "nested deeper than"),
    ],
)
def test_statements_resource_answers_400_with_an_xapi_error(client, lrs_headers, body, path):
    response = _post(client, lrs_headers, body)

    assert response.status_code == 400
    assert response.json["error"] == "Bad Request"
    assert response.json["message"].startswith("request body: ") and path in response.json["message"]
    assert response.headers["X-Experience-API-Version"] == "1.0.3"
    stored = client.get("/xapi/statements", headers=lrs_headers).json["statements"]
    assert stored == []


@pytest.mark.parametrize(
    "query",
    [
        {"activity": "https://x.example/\x00"},
        {"registration": REGISTRATION + "\x00"},
        {"agent": '{"mbox": "mailto:a@example.test\\u0000"}'},
        {"agent": '{"mbox": "mailto:a@example.test", "name": "\\ud800"}'},
    ],
)
def test_statement_queries_refuse_nul_and_surrogates(client, lrs_headers, query):
    response = client.get("/xapi/statements", query_string=query, headers=lrs_headers)

    assert response.status_code == 400
    assert "NUL" in response.json["message"] or "surrogate" in response.json["message"]


def test_documents_refuse_a_nul_in_their_id_and_in_json_content(client, lrs_headers):
    params = {
        "activityId": "https://x.example/a",
        "agent": '{"mbox": "mailto:a@example.test"}',
        "stateId": "s\x00",
    }
    by_id = client.put("/xapi/activities/state", query_string=params, data=b"x", headers=lrs_headers)
    params["stateId"] = "s"
    content = client.put(
        "/xapi/activities/state",
        query_string=params,
        data=b'{"a": "\\u0000"}',
        headers=lrs_headers,
        content_type="application/json",
    )

    assert by_id.status_code == 400 and "'stateId' parameter: contains a NUL" in by_id.json["message"]
    assert content.status_code == 400 and "document: $.a: contains a NUL" in content.json["message"]


def test_the_alternate_syntax_refuses_nul_in_form_fields(client, lrs_headers):
    form = {"Authorization": lrs_headers["Authorization"], "X-Experience-API-Version": "1.0.3"}
    form["activity"] = "https://x.example/\x00"
    response = client.post(
        "/xapi/statements?method=GET", data=form, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400 and "NUL" in response.json["message"]


@pytest.mark.parametrize(
    ("result", "path"),
    [
        ({"score": {"raw": math.inf, "min": 0, "max": 10}}, "result.score.raw"),
        ({"score": {"scaled": math.nan}}, "result.score.scaled"),
        ({"response": "a\x00b"}, "result.response"),
    ],
)
def test_stored_statements_and_their_export_never_hold_such_values(app: Flask, result, path) -> None:
    with get_db(app).transaction() as session, pytest.raises(StatementValidationError) as caught:
        record_statements(session, [statement(id=new_id(), result=result)])
    assert caught.value.path == path

    with get_db(app).transaction() as session:
        record_statements(session, [statement(id=new_id(), result={"score": {"raw": 1.7e308}})])
    out = io.StringIO()
    assert export_statements(get_db(app).session_factory, query_from_filters(), "jsonl", out) == 1
    assert [parse(line)["result"] for line in out.getvalue().splitlines()] == [{"score": {"raw": 1.7e308}}]
