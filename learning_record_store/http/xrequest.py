"""The request as the LRS sees it: the alternate request syntax folded in, the size limit, the version."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from flask import Response, current_app, request
from werkzeug.datastructures import Headers, MultiDict

from learning_record_store import strict_json
from learning_record_store.errors import BadRequest, PayloadTooLarge
from learning_record_store.http.context import DEFAULT_MAX_REQUEST_BYTES, settings
from learning_record_store.models import Client

VERSION = "1.0.3"
VERSION_HEADER = "X-Experience-API-Version"
CONSISTENT_THROUGH_HEADER = "X-Experience-API-Consistent-Through"
# Every 1.0.x version, later patches included (Communication 3.3.s3.b3, b5); 0.9x and 1.1+ are refused.
ACCEPTED_VERSION = re.compile(r"1\.0(\.[0-9]+)?")
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

Handler = Callable[["XRequest"], Response]


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
        """Return the body parsed as strict JSON (400 naming the path when it is not)."""
        return strict_json.parse(self.body, where="request body")


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
    return parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict")


def parse_request() -> XRequest:
    """Return the current request as the LRS sees it (parameters with a NUL or lone surrogate refused)."""
    body = _read_body()
    if request.method == "POST" and "method" in request.args:
        xreq = _alternate_request(body)
    else:
        xreq = XRequest(
            request.method,
            Headers(request.headers),
            MultiDict(request.args),
            body,
            dict(request.view_args or {}),
        )
    _check_parameters(xreq.args)
    return xreq


def _check_parameters(args: MultiDict[str, str]) -> None:
    # PostgreSQL refuses NUL in text and a lone surrogate cannot be encoded; refuse both up front (400)
    # rather than meet them in a query, a stored document id or a statement filter.
    for name, value in args.items(multi=True):
        for text in (name, value):
            if reason := strict_json.refusal(text):
                raise BadRequest(f"{name!r} parameter: {reason}")


def check_version(xreq: XRequest) -> None:
    version = xreq.headers.get(VERSION_HEADER)
    if version is None:
        raise BadRequest(f"{VERSION_HEADER} header: missing (this LRS speaks {VERSION})")
    if not ACCEPTED_VERSION.fullmatch(version.strip()):
        raise BadRequest(
            f"{VERSION_HEADER} header: version {version!r} is not supported; use 1.0.x (1.0.3 is the latest)"
        )
