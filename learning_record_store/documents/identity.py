"""Parse the parameters that say which documents a request is about: agent, activity, registration, since.

Documents are kept per Agent by its Inverse Functional Identifier, so ``{"mbox": …, "name": "A"}`` and
``{"mbox": …}`` address the same documents; the key is a canonical string of that identifier.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from learning_record_store import strict_json
from learning_record_store.documents.errors import InvalidDocumentRequest
from learning_record_store.strict_json import MalformedJSON

IDENTIFIERS = ("mbox", "mbox_sha1sum", "openid", "account")
_SHA1 = re.compile(r"^[0-9a-f]{40}$", re.IGNORECASE)
_AGENT_KEYS = {"objectType", "name", *IDENTIFIERS}


def parse_agent(raw: str, *, parameter: str = "agent") -> dict[str, Any]:
    """Return the Agent of a JSON ``agent`` parameter reduced to objectType and its one identifier."""
    try:
        agent = strict_json.parse(raw, where=parameter)
    except MalformedJSON:
        raise InvalidDocumentRequest(f"{parameter}: must be a JSON Agent object") from None
    if not isinstance(agent, dict):
        raise InvalidDocumentRequest(f"{parameter}: must be a JSON Agent object")
    if agent.get("objectType", "Agent") != "Agent":
        raise InvalidDocumentRequest(f"{parameter}.objectType: must be 'Agent'")
    unknown = sorted(set(agent) - _AGENT_KEYS)
    if unknown:
        raise InvalidDocumentRequest(f"{parameter}.{unknown[0]}: is not an Agent property")
    present = [name for name in IDENTIFIERS if name in agent]
    if len(present) != 1:
        raise InvalidDocumentRequest(f"{parameter}: must have exactly one of {', '.join(IDENTIFIERS)}")
    name = present[0]
    _IDENTIFIER_CHECKS[name](agent[name], f"{parameter}.{name}")
    if "name" in agent and not isinstance(agent["name"], str):
        raise InvalidDocumentRequest(f"{parameter}.name: must be a string")
    value = agent[name].lower() if name == "mbox_sha1sum" else agent[name]
    return {"objectType": "Agent", name: value}


def agent_key(agent: dict[str, Any]) -> str:
    """Return the canonical identifier string of an Agent parsed by ``parse_agent``."""
    if "account" in agent:
        account = agent["account"]
        return f"account:{account['homePage']} {account['name']}"
    name = next(name for name in IDENTIFIERS if name in agent)
    return f"{name}:{agent[name]}"


def parse_activity_id(raw: str, *, parameter: str = "activityId") -> str:
    if not is_iri(raw):
        raise InvalidDocumentRequest(f"{parameter}: must be an IRI")
    return raw


def parse_registration(raw: str | None) -> str | None:
    if raw is None:
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise InvalidDocumentRequest("registration: must be a UUID") from None


def parse_since(raw: str | None) -> datetime | None:
    """Parse an ISO 8601 timestamp; one without offset is taken as UTC."""
    if raw is None:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidDocumentRequest("since: must be an ISO 8601 timestamp") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def parse_document_id(raw: str | None, *, parameter: str) -> str:
    if raw is None or raw == "":
        raise InvalidDocumentRequest(f"{parameter}: is required")
    return raw


def is_iri(value: Any) -> bool:
    return isinstance(value, str) and bool(urlsplit(value).scheme) and " " not in value


def _check_mbox(value: Any, path: str) -> None:
    if not (isinstance(value, str) and value.startswith("mailto:") and "@" in value):
        raise InvalidDocumentRequest(f"{path}: must be a mailto: IRI")


def _check_sha1(value: Any, path: str) -> None:
    if not (isinstance(value, str) and _SHA1.match(value)):
        raise InvalidDocumentRequest(f"{path}: must be a hex SHA1 digest")


def _check_openid(value: Any, path: str) -> None:
    if not is_iri(value):
        raise InvalidDocumentRequest(f"{path}: must be an IRI")


def _check_account(value: Any, path: str) -> None:
    if not isinstance(value, dict) or set(value) != {"homePage", "name"}:
        raise InvalidDocumentRequest(f"{path}: must have exactly homePage and name")
    if not is_iri(value["homePage"]):
        raise InvalidDocumentRequest(f"{path}.homePage: must be an IRL")
    if not isinstance(value["name"], str) or not value["name"]:
        raise InvalidDocumentRequest(f"{path}.name: must be a non-empty string")


_IDENTIFIER_CHECKS = {
    "mbox": _check_mbox,
    "mbox_sha1sum": _check_sha1,
    "openid": _check_openid,
    "account": _check_account,
}
