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
    authorize,
    consistent_through,
    current_session,
    json_response,
    no_content,
    require_credentials,
    require_scope,
)
from learning_record_store.signatures import check_signatures
from learning_record_store.statements import store_validated_statements
from learning_record_store.validation import validate_statements
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


def _authorized_authority(xreq: XRequest) -> dict[str, Any]:
    """Check the credentials may write statements; return the authority to record."""
    return credentials.client_authority(authorize(xreq, "statements/write"))


def _may_define(xreq: XRequest) -> bool:
    """Whether statements from this client may change the store's activity definitions (`define` scope)."""
    return bool({"define", "all"} & xreq.scopes)


def _commit() -> dict[str, str]:
    current_session().commit()
    return {CONSISTENT_THROUGH_HEADER: consistent_through()}


# Writes parse and validate the body *before* looking the credentials up: that lookup opens the request's
# one transaction, which on SQLite holds the write lock (BEGIN IMMEDIATE), and the lock should cover the
# inserts only, not the CPU work. A request without credentials is still refused (401) before any parsing.


def put_statement(xreq: XRequest) -> Response:
    require_credentials(xreq)
    statement_id = xreq.args.get("statementId")
    if statement_id is None:
        raise BadRequest("statementId parameter: required for PUT")
    check_uuid(statement_id, "statementId parameter")
    payload, contents = _statements_and_attachments(xreq)
    if type(payload) is not dict:
        raise BadRequest("request body: PUT takes a single statement")
    if "id" in payload and str(payload["id"]).lower() != statement_id.lower():
        raise BadRequest("id: does not match the statementId parameter")
    statements = [{**payload, "id": statement_id}]
    validate_statements(statements)
    authority = _authorized_authority(xreq)
    store_validated_statements(
        current_session(), statements, authority=authority, attachments=contents, may_define=_may_define(xreq)
    )
    return no_content(_commit())


def post_statements(xreq: XRequest) -> Response:
    require_credentials(xreq)
    payload, contents = _statements_and_attachments(xreq)
    statements = payload if type(payload) is list else [payload]
    validate_statements(statements)
    authority = _authorized_authority(xreq)
    ids = store_validated_statements(
        current_session(), statements, authority=authority, attachments=contents, may_define=_may_define(xreq)
    )
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
