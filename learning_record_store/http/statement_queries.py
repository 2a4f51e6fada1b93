"""GET /xapi/statements: parameters, single statements, filtered pages with `more`, formats, attachments."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from datetime import datetime
from email.utils import format_datetime
from typing import Any

from flask import Response, request, url_for
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from learning_record_store.attachments import build_multipart
from learning_record_store.errors import BadRequest, NotFound
from learning_record_store.formatting import activity_ids, format_canonical, format_ids, parse_accept_language
from learning_record_store.http.common import (
    CONSISTENT_THROUGH_HEADER,
    XRequest,
    consistent_through,
    current_session,
)
from learning_record_store.http.statement_params import (
    LIST_PARAMETERS,
    PARSERS,
    SINGLE_PARAMETERS,
    decode_more,
    encode_more,
    parse_options,
)
from learning_record_store.keys import agent_key
from learning_record_store.models import Activity
from learning_record_store.queries import StatementQuery, find_page, find_statement
from learning_record_store.storage import attachment_contents
from learning_record_store.validation import formats


def _http_date(stored: str) -> str:
    return format_datetime(datetime.fromisoformat(stored.replace("Z", "+00:00")), usegmt=True)


def _mine(xreq: XRequest) -> str | None:
    """Return the authority key reads are limited to when the client may only read its own statements."""
    scopes = xreq.scopes
    if {"all", "all/read", "statements/read"} & scopes or xreq.client is None:
        return None
    return agent_key(json.loads(xreq.client.authority))


def respond(xreq: XRequest) -> Response:
    args = xreq.args
    if "more" in args:
        return _respond_more(xreq)
    if "statementId" in args or "voidedStatementId" in args:
        return _respond_single(xreq)
    unknown = sorted(set(args) - LIST_PARAMETERS)
    if unknown:
        raise BadRequest(f"query string: unknown parameters {unknown}")
    return _respond_list(xreq, args, after_pk=None)


def _respond_single(xreq: XRequest) -> Response:
    args = xreq.args
    unknown = sorted(set(args) - SINGLE_PARAMETERS)
    if unknown or ("statementId" in args and "voidedStatementId" in args):
        raise BadRequest(
            f"query string: statementId/voidedStatementId allow only format and attachments, "
            f"not {unknown or ['both ids']}"
        )
    voided = "voidedStatementId" in args
    name = "voidedStatementId" if voided else "statementId"
    formats.uuid(args[name], f"{name} parameter")
    result_format, with_attachments = parse_options(args)
    row = find_statement(current_session(), args[name], voided=voided)
    mine = _mine(xreq)
    if row is None or (mine is not None and row.authority_key != mine):
        raise NotFound(f"{name} parameter: no {'voided ' if voided else ''}statement {args[name]}")
    statement = _shape([row.payload], result_format)[0]
    headers = {"Last-Modified": _http_date(row.stored), CONSISTENT_THROUGH_HEADER: consistent_through()}
    return _body(
        json.dumps(statement, ensure_ascii=False, separators=(",", ":")),
        [statement],
        with_attachments,
        headers,
    )


def _respond_list(xreq: XRequest, args: Mapping[str, str], *, after_pk: int | None) -> Response:
    result_format, with_attachments = parse_options(MultiDict(args))
    fields = {field: parse(args[name], name) for name, (field, parse) in PARSERS.items() if name in args}
    query = StatementQuery(**fields, authority_key=_mine(xreq), after_pk=after_pk)
    page = find_page(current_session(), query)
    more = _more_url(args, page.next_pk) if page.next_pk is not None else ""
    if result_format == "exact" and not with_attachments:
        # The stored JSON texts are spliced in as they are: no parsing on the hot read path.
        text = '{"statements":[' + ",".join(page.payloads) + '],"more":' + json.dumps(more) + "}"
        statements: list[dict[str, Any]] = []
    else:
        statements = _shape(page.payloads, result_format)
        text = json.dumps({"statements": statements, "more": more}, ensure_ascii=False, separators=(",", ":"))
    headers = {CONSISTENT_THROUGH_HEADER: consistent_through()}
    if page.stored:
        headers["Last-Modified"] = _http_date(max(page.stored))
    return _body(text, statements, with_attachments, headers)


def _shape(payloads: list[str], result_format: str) -> list[dict[str, Any]]:
    statements = [json.loads(payload) for payload in payloads]
    if result_format == "ids":
        return [format_ids(statement) for statement in statements]
    if result_format == "canonical":
        wanted = set().union(*(activity_ids(statement) for statement in statements)) if statements else set()
        rows: Any = (
            current_session().execute(
                select(Activity.activity_id, Activity.definition).where(
                    Activity.activity_id.in_(list(wanted))
                )
            )
            if wanted
            else []
        )
        definitions = {activity_id: json.loads(definition) for activity_id, definition in rows}
        languages = parse_accept_language(request.headers.get("Accept-Language"))
        return [format_canonical(statement, definitions, languages) for statement in statements]
    return statements


def _body(
    text: str, statements: list[dict[str, Any]], with_attachments: bool, headers: dict[str, str]
) -> Response:
    if not with_attachments:
        return Response(text, headers=headers, content_type="application/json")
    if not statements:
        statements = json.loads(text).get("statements", [])
    hashes = [
        attachment["sha2"] for statement in statements for attachment in statement.get("attachments", [])
    ]
    rows = attachment_contents(current_session(), hashes)
    contents = {sha2: (row.content_type, row.content) for sha2, row in rows.items()}
    boundary = secrets.token_hex(16)
    body = build_multipart(text, contents, boundary)
    return Response(body, headers=headers, content_type=f"multipart/mixed; boundary={boundary}")


# --- more ------------------------------------------------------------------------------------------


def _more_url(args: Mapping[str, str], next_pk: int) -> str:
    return url_for(f"{request.blueprint}.statements", more=encode_more(args, next_pk))


def _respond_more(xreq: XRequest) -> Response:
    if len(xreq.args) != 1:
        raise BadRequest("query string: more takes no other parameters")
    args, after_pk = decode_more(xreq.args["more"])
    return _respond_list(xreq, args, after_pk=after_pk)
