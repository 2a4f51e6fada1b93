"""JSON documents: the content check and the top-level merge that POST performs (Communication 2.2)."""

from __future__ import annotations

import json
from typing import Any

from learning_record_store import strict_json
from learning_record_store.documents.errors import InvalidDocumentRequest
from learning_record_store.strict_json import MalformedJSON

JSON_TYPE = "application/json"


def media_type(content_type: str | None) -> str:
    """Return the bare, lower-case media type of a Content-Type header value."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_json(content_type: str | None) -> bool:
    return media_type(content_type) == JSON_TYPE


def json_object(content: bytes, *, what: str) -> dict[str, Any]:
    """Parse ``content`` as a JSON object or raise InvalidDocumentRequest naming ``what``."""
    try:
        value = strict_json.parse(content, where=what)
    except MalformedJSON:
        raise InvalidDocumentRequest(f"{what}: is not valid JSON") from None
    if not isinstance(value, dict):
        raise InvalidDocumentRequest(f"{what}: is not a JSON object")
    return value


def check_json_content(content: bytes, content_type: str | None) -> None:
    """Refuse content declared as JSON that does not parse (Communication 3.2: type must match content)."""
    if not is_json(content_type):
        return
    try:
        strict_json.parse(content, where="document")
    except MalformedJSON:
        raise InvalidDocumentRequest(
            "document: Content-Type is application/json but the body is not JSON"
        ) from None


def merge_documents(existing: bytes, existing_type: str, posted: bytes, posted_type: str | None) -> bytes:
    """Return ``existing`` with each top-level property of ``posted`` set on it, as JSON bytes.

    Both documents must be JSON objects with the content type application/json; otherwise the request
    is a 400 and the stored document stays as it is.
    """
    if not is_json(posted_type):
        raise InvalidDocumentRequest("document: only application/json documents can be merged by POST")
    if not is_json(existing_type):
        raise InvalidDocumentRequest("document: the stored document is not application/json; use PUT")
    merged = json_object(existing, what="stored document")
    merged.update(json_object(posted, what="document"))
    return json.dumps(merged, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
