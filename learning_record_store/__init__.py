"""xAPI 1.0.3 Learning Record Store: validation, storage and queries of statements (no Flask here;
the HTTP blueprint lives in ``learning_record_store.http``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from learning_record_store.errors import LRSError, StatementValidationError
from learning_record_store.queries import StatementQuery, find_page, voided_among
from learning_record_store.statements import record_statements
from learning_record_store.storage import upsert_activity_definitions
from learning_record_store.validation import validate_statement

__all__ = [
    "LRSError",
    "StatementQuery",
    "StatementValidationError",
    "query_statements",
    "record_statements",
    "upsert_activity_definitions",
    "validate_statement",
    "voided_among",
]


def query_statements(session: Session, **filters: Any) -> list[dict[str, Any]]:
    """Return the stored statements matching ``filters`` (StatementQuery fields), newest first.

    ``agent`` is an Agent object, ``verb``/``activity`` IRIs, ``registration`` a UUID, ``since``/``until``
    instants in the store's format; ``limit`` caps the result (0: the server maximum).
    """
    agent = filters.get("agent")
    if isinstance(agent, Mapping):
        filters["agent"] = dict(agent)
    page = find_page(session, StatementQuery(**filters))
    return [json.loads(payload) for payload in page.payloads]
