"""What every xAPI resource shares: the request as the LRS sees it (alternate syntax folded in), the
version header, JSON errors, HEAD, CORS, the size limit and credential + scope checks.

Route modules add resources with ``add_resource(bp, rule, {"GET": handler, ...})``; a handler takes an
``XRequest`` and returns a Flask response, and ``require_scope(...)`` guards it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from flask import Blueprint, Response, current_app, request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException

from learning_record_store.errors import LRSError
from learning_record_store.http.auth import authenticate, authorize, require_credentials, require_scope
from learning_record_store.http.context import (
    EXTENSION_KEY,
    Settings,
    consistent_through,
    current_session,
    keep_sqlite_wal,
    settings,
)
from learning_record_store.http.xrequest import (
    CONSISTENT_THROUGH_HEADER,
    FORM_HEADERS,
    METHODS,
    VERSION,
    VERSION_HEADER,
    Handler,
    XRequest,
    check_version,
    parse_request,
)

# Route modules import everything they need from here.
__all__ = [
    "CONSISTENT_THROUGH_HEADER",
    "EXTENSION_KEY",
    "VERSION",
    "VERSION_HEADER",
    "Handler",
    "Settings",
    "XRequest",
    "add_resource",
    "authenticate",
    "authorize",
    "check_version",
    "consistent_through",
    "current_session",
    "error_response",
    "install",
    "json_response",
    "no_content",
    "parse_request",
    "require_credentials",
    "require_scope",
    "settings",
]

CORS_ALLOW_HEADERS = ", ".join((*FORM_HEADERS, "Accept-Language", "X-Requested-With"))
CORS_EXPOSE_HEADERS = ", ".join(
    (
        "ETag",
        "Last-Modified",
        "Content-Type",
        "Content-Length",
        "WWW-Authenticate",
        VERSION_HEADER,
        CONSISTENT_THROUGH_HEADER,
    )
)


def json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """Return ``data`` as a compact JSON response."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status=status, headers=dict(headers or {}), content_type="application/json")


def no_content(headers: Mapping[str, str] | None = None) -> Response:
    return Response(status=204, headers=dict(headers or {}))


def error_response(status: int, title: str, message: str) -> Response:
    response = json_response({"error": title, "message": message}, status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Basic realm="xAPI"'
    return response


def _preflight() -> Response:
    return Response(status=204, headers={"Access-Control-Max-Age": "86400"})


def add_resource(
    bp: Blueprint,
    rule: str,
    handlers: Mapping[str, Handler],
    *,
    endpoint: str | None = None,
    needs_version: bool = True,
) -> None:
    """Route ``rule`` to ``handlers`` by (possibly alternate-syntax) method; HEAD runs the GET handler."""

    def view(**_kwargs: Any) -> Response:
        if request.method == "OPTIONS":
            return _preflight()
        keep_sqlite_wal()
        xreq = parse_request()
        if needs_version:
            check_version(xreq)
        method = "GET" if xreq.method == "HEAD" else xreq.method
        handler = handlers.get(method)
        if handler is None:
            allowed = ", ".join(sorted({*handlers, "HEAD"} if "GET" in handlers else handlers))
            response = error_response(
                405, "Method Not Allowed", f"{xreq.method}: not allowed here ({allowed})"
            )
            response.headers["Allow"] = allowed
            return response
        response = handler(xreq)
        if xreq.method == "HEAD":
            response.set_data(b"")
        return response

    name = endpoint or rule.strip("/").replace("/", "_") or "root"
    view.__name__ = name
    view.elearn_access = ("lrs",)  # type: ignore[attr-defined]
    bp.add_url_rule(rule, name, view, methods=[*METHODS, "OPTIONS"], provide_automatic_options=False)


def allowed_origins() -> frozenset[str] | None:
    """Return the origins that may call the LRS from a browser, or None for any origin.

    ``LRS_CORS_ORIGINS`` is ``*`` (the default) or a list of origins (a JSON list, or a string of
    origins separated by commas or spaces); an empty list lets no other origin in.
    """
    configured = current_app.config.get("LRS_CORS_ORIGINS", "*")
    if isinstance(configured, str):
        configured = configured.replace(",", " ").split()
    origins = frozenset(str(origin).rstrip("/") for origin in configured)
    return None if "*" in origins else origins


def _add_cors(headers: Headers) -> None:
    # Never Access-Control-Allow-Credentials: xAPI clients send their Basic credentials themselves, and
    # with it any site a signed-in person visits could use cookies or HTTP credentials the browser holds.
    origin = request.headers.get("Origin")
    allowed = allowed_origins()
    if allowed is None:
        headers["Access-Control-Allow-Origin"] = "*"
    elif origin is not None:
        headers.add("Vary", "Origin")
        if origin not in allowed:
            return
        headers["Access-Control-Allow-Origin"] = origin
    else:
        return
    headers["Access-Control-Allow-Methods"] = ", ".join((*METHODS, "OPTIONS"))
    headers["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
    headers["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS


def _add_cors_and_version(response: Response) -> Response:
    response.headers[VERSION_HEADER] = VERSION
    _add_cors(response.headers)
    return response


def install(bp: Blueprint, get_session: Callable[[], Session], **options: Any) -> None:
    """Give ``bp`` the shared behaviour: settings, JSON errors, version and CORS headers."""

    def _record(state: Any) -> None:
        state.app.extensions[EXTENSION_KEY] = Settings(get_session, **options)

    bp.record(_record)

    @bp.errorhandler(LRSError)
    def _lrs_error(error: LRSError) -> Response:
        return error_response(error.status, error.title, error.message)

    @bp.errorhandler(IntegrityError)
    def _integrity_error(_error: IntegrityError) -> Response:
        # Two requests raced to store the same id; the loser sees what a sequential one would have.
        current_session().rollback()
        return error_response(409, "Conflict", "a concurrent request stored the same id; check and retry")

    @bp.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        code = error.code or 500
        return error_response(code, error.name, error.description or error.name)

    @bp.teardown_request
    def _end_transaction(_exc: BaseException | None) -> None:
        # Each LRS request is its own transaction: whatever a view did not commit (reads included, which
        # on SQLite hold the write lock) ends here even when the app context outlives the request.
        current_session().close()

    prefix = bp.url_prefix or ""

    @bp.after_app_request
    def _headers(response: Response) -> Response:
        # App-level so that 404s for unknown /xapi/ paths carry the headers too.
        if request.path == prefix or request.path.startswith(prefix + "/"):
            _add_cors_and_version(response)
            if request.path == f"{prefix}/statements" and CONSISTENT_THROUGH_HEADER not in response.headers:
                response.headers[CONSISTENT_THROUGH_HEADER] = consistent_through()
        return response
