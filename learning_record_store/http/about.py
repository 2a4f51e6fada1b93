"""``GET about``: the xAPI versions this LRS speaks (Communication 2.8); open to anyone, any version."""

from __future__ import annotations

from flask import Blueprint, Response

from learning_record_store.errors import BadRequest
from learning_record_store.http.common import XRequest, add_resource, json_response
from learning_record_store.vocabulary import ELEARN, XAPI_VERSION

# Every 1.0.x version is accepted in the version header; the list names the latest one first.
VERSIONS = (XAPI_VERSION, "1.0.2", "1.0.1", "1.0.0")
PROFILE_EXTENSION = ELEARN + "extensions/profile"


def about(xreq: XRequest) -> Response:
    if xreq.args:
        raise BadRequest(f"{next(iter(xreq.args))}: about takes no parameters")
    return json_response(
        {
            "version": list(VERSIONS),
            "extensions": {PROFILE_EXTENSION: {"name": "elearn", "documentation": "docs/xapi.md"}},
        }
    )


def register(bp: Blueprint) -> None:
    add_resource(bp, "/about", {"GET": about}, needs_version=False)
