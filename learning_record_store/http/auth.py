"""Credentials and scopes: HTTP Basic with an LRS client's key and secret."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from functools import wraps

from flask import Response

from learning_record_store import credentials
from learning_record_store.errors import Forbidden, Unauthorized
from learning_record_store.http.context import current_session
from learning_record_store.http.xrequest import Handler, XRequest
from learning_record_store.models import Client


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
