"""The LRS's HTTP face: one blueprint at ``/xapi`` to which route modules add their resources.

Each module in ``ROUTE_MODULES`` exposes ``register(bp)``; shared behaviour (version header, errors,
CORS, alternate syntax, credentials) lives in ``learning_record_store.http.common``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from flask import Blueprint
from sqlalchemy.orm import Session

from learning_record_store.http import common

ROUTE_MODULES: list[str] = [
    "learning_record_store.http.statements",
    "learning_record_store.http.documents",
    "learning_record_store.http.about",
    "learning_record_store.http.people",
]


def create_blueprint(get_session: Callable[[], Session], **options: Any) -> Blueprint:
    """Create the xAPI blueprint (url_prefix ``/xapi``) with every registered route module."""
    bp = Blueprint("xapi", __name__, url_prefix=options.pop("url_prefix", "/xapi"))
    common.install(bp, get_session, **options)
    for name in ROUTE_MODULES:
        import_module(name).register(bp)
    return bp
