"""The Statement resource: PUT, POST and GET /xapi/statements (xAPI-Communication 2.1)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response

from learning_record_store import credentials
from learning_record_store.attachments import match_parts, parse_statement_request
from learning_record_store.errors import BadRequest
from learning_record_store.http import statement_queries
from learning_record_store.http.common import (
    CONSISTENT_THROUGH_HEADER,
    XRequest,
    add_resource,
    consistent_through,
    current_session,
    json_response,
    no_content,
    require_scope,
)
from learning_record_store.signatures import check_signatures
from learning_record_store.statements import record_statements
from learning_record_store.validation.formats import uuid as check_uuid


def _statements_and_attachments(xreq: XRequest) -> tuple[Any, dict[str, tuple[str, bytes]]]:
    """Return the statements of a PUT/POST body and its attachment contents (by SHA-2 hash)."""
    if xreq.content_type == "multipart/mixed":
        payload, parts = parse_statement_request(xreq.headers.get("Content-Type", ""), xreq.body)
    elif xreq.content_type in ("application/json", ""):
        payload, parts = xreq.json_body(), {}
    else:
        raise BadRequest(f"Content-Type: {xreq.content_type} is not application/json or multipart/mixed")
    statements = payload if type(payload) is list else [payload]
    if not all(isinstance(statement, dict) for statement in statements):
        raise BadRequest("request body: must be a statement object or a list of statement objects")
    contents = match_parts(statements, parts)
    check_signatures(statements, contents)
    return payload, contents


def _authority(xreq: XRequest) -> dict[str, Any]:
    assert xreq.client is not None
    return credentials.client_authority(xreq.client)


def _commit() -> dict[str, str]:
    current_session().commit()
    return {CONSISTENT_THROUGH_HEADER: consistent_through()}


def _end_read_transaction() -> None:
    # The credential lookup opened a transaction; on SQLite every transaction takes the write lock
    # (BEGIN IMMEDIATE), so end it before parsing and validating the body.
    current_session().commit()


@require_scope("statements/write")
def put_statement(xreq: XRequest) -> Response:
    _end_read_transaction()
    statement_id = xreq.args.get("statementId")
    if statement_id is None:
        raise BadRequest("statementId parameter: required for PUT")
    check_uuid(statement_id, "statementId parameter")
    payload, contents = _statements_and_attachments(xreq)
    if type(payload) is not dict:
        raise BadRequest("request body: PUT takes a single statement")
    if "id" in payload and str(payload["id"]).lower() != statement_id.lower():
        raise BadRequest("id: does not match the statementId parameter")
    statement = {**payload, "id": statement_id}
    record_statements(current_session(), [statement], authority=_authority(xreq), attachments=contents)
    return no_content(_commit())


@require_scope("statements/write")
def post_statements(xreq: XRequest) -> Response:
    _end_read_transaction()
    payload, contents = _statements_and_attachments(xreq)
    statements = payload if type(payload) is list else [payload]
    ids = record_statements(current_session(), statements, authority=_authority(xreq), attachments=contents)
    return json_response(ids, headers=_commit())


@require_scope("statements/read", "statements/read/mine")
def get_statements(xreq: XRequest) -> Response:
    return statement_queries.respond(xreq)


def register(bp: Blueprint) -> None:
    add_resource(
        bp,
        "/statements",
        {"PUT": put_statement, "POST": post_statements, "GET": get_statements},
        endpoint="statements",
    )
