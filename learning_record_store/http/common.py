"""What every xAPI resource shares: the request as the LRS sees it (alternate syntax folded in), the
version header, JSON errors, HEAD, CORS, the size limit and credential + scope checks.

Route modules add resources with ``add_resource(bp, rule, {"GET": handler, ...})``; a handler takes an
``XRequest`` and returns a Flask response, and ``require_scope(...)`` guards it.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import Blueprint, Response, current_app, request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.datastructures import Headers, MultiDict
from werkzeug.exceptions import HTTPException

from learning_record_store import credentials
from learning_record_store.clock import now
from learning_record_store.errors import BadRequest, Forbidden, LRSError, PayloadTooLarge, Unauthorized
from learning_record_store.models import Client

EXTENSION_KEY = "learning_record_store"
VERSION = "1.0.3"
VERSION_HEADER = "X-Experience-API-Version"
CONSISTENT_THROUGH_HEADER = "X-Experience-API-Consistent-Through"
ACCEPTED_VERSION = re.compile(r"1\.0(\.[0-3])?")
METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE")
# Headers the alternate request syntax may carry as form fields (xAPI-Communication 1.3).
FORM_HEADERS = (
    "Authorization",
    "X-Experience-API-Version",
    "Content-Type",
    "Content-Length",
    "If-Match",
    "If-None-Match",
)
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
DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024

Handler = Callable[["XRequest"], Response]


@dataclass(slots=True)
class Settings:
    """Per-app settings of the LRS blueprint."""

    get_session: Callable[[], Session]
    max_request_bytes: int | None = None
    version_exempt_rules: set[str] = field(default_factory=set)
    # pid -> an idle SQLite connection kept open (see keep_sqlite_wal)
    wal_keepers: dict[int, Any] = field(default_factory=dict)


def keep_sqlite_wal() -> None:
    """Keep one idle SQLite connection open per process (outside tests).

    The app's engine closes SQLite connections after each request, and the *last* connection to close
    checkpoints the WAL into the database and deletes it (an fsync each time). With requests that hold a
    connection only while writing, that happened on almost every request and halved ingest throughput.
    An idle connection that stays open makes SQLite checkpoint in the background of commits instead
    (wal_autocheckpoint). Opened lazily in the serving process, never carried across a fork.
    """
    state = settings()
    if current_app.testing or os.getpid() in state.wal_keepers:
        return
    engine = state.get_session().get_bind()
    if engine.dialect.name == "sqlite":
        state.wal_keepers[os.getpid()] = engine.raw_connection()  # type: ignore[union-attr]
    else:
        state.wal_keepers[os.getpid()] = None


@dataclass(slots=True)
class XRequest:
    """An xAPI request after the alternate syntax has been folded into method, headers and parameters."""

    method: str
    headers: Headers
    args: MultiDict[str, str]
    body: bytes
    view_args: dict[str, Any]
    client: Client | None = None
    scopes: frozenset[str] = frozenset()

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def json_body(self) -> Any:
        """Return the body parsed as JSON (400 when it is not)."""
        try:
            return json.loads(self.body)
        except (UnicodeDecodeError, ValueError) as error:
            raise BadRequest(f"request body: not valid JSON ({error})") from None


def settings() -> Settings:
    return current_app.extensions[EXTENSION_KEY]  # type: ignore[no-any-return]


def current_session() -> Session:
    """Return the database session of the current request."""
    return settings().get_session()


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


def consistent_through() -> str:
    """Return the instant up to which every stored statement is visible (writes are transactional)."""
    return now()


# ----------------------------------------------------------------------------------------------------
# Request parsing


def _max_bytes() -> int:
    configured = settings().max_request_bytes or current_app.config.get("MAX_CONTENT_LENGTH")
    return int(configured or DEFAULT_MAX_REQUEST_BYTES)


def _read_body() -> bytes:
    limit = _max_bytes()
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLarge(f"request body: larger than the limit of {limit} bytes")
    body = request.stream.read(limit + 1)
    if len(body) > limit:
        raise PayloadTooLarge(f"request body: larger than the limit of {limit} bytes")
    return body


def _alternate_request(body: bytes) -> XRequest:
    """Fold a ``POST ?method=X`` request (xAPI-Communication 1.3) into an ordinary one."""
    method = request.args["method"].upper()
    if method not in METHODS:
        raise BadRequest(f"method: {method!r} is not an xAPI method")
    others = sorted(set(request.args) - {"method"})
    if others:
        raise BadRequest(f"query string: the alternate request syntax allows only 'method', not {others}")
    if request.mimetype != "application/x-www-form-urlencoded":
        raise BadRequest("Content-Type: the alternate request syntax needs application/x-www-form-urlencoded")
    try:
        form = MultiDict(_parse_form(body))
    except UnicodeDecodeError:
        raise BadRequest("request body: form is not UTF-8") from None
    headers = Headers(request.headers)
    args: MultiDict[str, str] = MultiDict()
    content = ""
    header_names = {name.lower(): name for name in FORM_HEADERS}
    for name, value in form.items(multi=True):
        if name == "content":
            content = value
        elif name.lower() in header_names:
            headers[header_names[name.lower()]] = value
        else:
            args.add(name, value)
    if "Content-Type" not in form and "content-type" not in form:
        headers["Content-Type"] = "application/json"
    return XRequest(method, headers, args, content.encode(), dict(request.view_args or {}))


def _parse_form(body: bytes) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict")


def parse_request() -> XRequest:
    """Return the current request as the LRS sees it."""
    body = _read_body()
    if request.method == "POST" and "method" in request.args:
        return _alternate_request(body)
    return XRequest(
        request.method, Headers(request.headers), MultiDict(request.args), body, dict(request.view_args or {})
    )


def check_version(xreq: XRequest) -> None:
    version = xreq.headers.get(VERSION_HEADER)
    if version is None:
        raise BadRequest(f"{VERSION_HEADER} header: missing (this LRS speaks {VERSION})")
    if not ACCEPTED_VERSION.fullmatch(version.strip()):
        raise BadRequest(
            f"{VERSION_HEADER} header: version {version!r} is not supported; use 1.0.0 to {VERSION}"
        )


# ----------------------------------------------------------------------------------------------------
# Credentials and scopes


def require_credentials(xreq: XRequest) -> None:
    """Refuse (401) a request that carries no Basic credentials at all, without a database lookup."""
    if not xreq.headers.get("Authorization", "").lower().startswith("basic "):
        raise Unauthorized("Authorization header: Basic credentials of an LRS client are required")


def authenticate(xreq: XRequest) -> Client:
    """Check the request's Basic credentials; return the client (401 when missing or wrong)."""
    if xreq.client is not None:
        return xreq.client
    header = xreq.headers.get("Authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded:
        raise Unauthorized("Authorization header: Basic credentials of an LRS client are required")
    try:
        key, separator, secret = base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise Unauthorized("Authorization header: malformed Basic credentials") from None
    client = credentials.authenticate(current_session(), key, secret) if separator else None
    if client is None:
        raise Unauthorized("Authorization header: unknown or revoked credentials")
    xreq.client, xreq.scopes = client, credentials.client_scopes(client)
    return client


def authorize(xreq: XRequest, *accepted: str) -> Client:
    """Authenticate, then check the client holds one of ``accepted`` (or ``all``; ``all/read`` for reads)."""
    client = authenticate(xreq)
    if not credentials.is_granted(xreq.scopes, accepted, is_read=xreq.method in ("GET", "HEAD")):
        raise Forbidden(
            f"credentials: scope {' or '.join(accepted)} is needed for {xreq.method} on this resource"
        )
    return client


def require_scope(*accepted: str) -> Callable[[Handler], Handler]:
    """Guard a handler: the request needs credentials holding one of ``accepted`` scopes."""

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        def guarded(xreq: XRequest) -> Response:
            authorize(xreq, *accepted)
            return handler(xreq)

        return guarded

    return decorate


# ----------------------------------------------------------------------------------------------------
# Resources, CORS and errors


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


def _add_cors_and_version(response: Response) -> Response:
    headers = response.headers
    headers[VERSION_HEADER] = VERSION
    origin = request.headers.get("Origin")
    headers["Access-Control-Allow-Origin"] = origin or "*"
    if origin:
        headers.add("Vary", "Origin")
        headers["Access-Control-Allow-Credentials"] = "true"
    headers["Access-Control-Allow-Methods"] = ", ".join((*METHODS, "OPTIONS"))
    headers["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
    headers["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
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
