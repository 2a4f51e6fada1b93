"""Parameters of GET /xapi/statements: their parsers (validated like the same values in statements) and
the opaque `more` token, which carries the original parameters and the keyset cursor."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping
from typing import Any

from werkzeug.datastructures import MultiDict

from learning_record_store import strict_json
from learning_record_store.clock import format_instant
from learning_record_store.errors import BadRequest
from learning_record_store.validation import formats
from learning_record_store.validation.shapes import check as check_shape

SINGLE_PARAMETERS = frozenset({"statementId", "voidedStatementId", "format", "attachments"})
LIST_PARAMETERS = frozenset(
    {
        "agent",
        "verb",
        "activity",
        "registration",
        "related_activities",
        "related_agents",
        "since",
        "until",
        "limit",
        "format",
        "attachments",
        "ascending",
    }
)
FORMATS = ("exact", "ids", "canonical")
# A cursor is a row id of a signed 64-bit column.
MAX_PRIMARY_KEY = 2**63 - 1


def _boolean(value: str, name: str) -> bool:
    # Case-insensitive: TinCanPython, for one, sends Python's "True".
    if value.lower() not in ("true", "false"):
        raise BadRequest(f"{name} parameter: must be true or false")
    return value.lower() == "true"


def _agent(value: str, name: str) -> dict[str, Any]:
    agent = strict_json.parse(value, where=f"{name} parameter")
    shape = "Group" if isinstance(agent, dict) and agent.get("objectType") == "Group" else "Agent"
    check_shape(shape, agent, f"{name} parameter")
    return dict(agent)


def _instant(value: str, name: str) -> str:
    return format_instant(formats.parse_timestamp(value, f"{name} parameter"))


def _limit(value: str, name: str) -> int:
    if not value.isdigit():
        raise BadRequest(f"{name} parameter: must be a non-negative integer")
    return int(value)


def _checked(check: Callable[[Any, str], None]) -> Callable[[str, str], str]:
    def parse(value: str, name: str) -> str:
        check(value, f"{name} parameter")
        return value

    return parse


# Parameter name -> (StatementQuery field, parser)
PARSERS: dict[str, tuple[str, Callable[[str, str], Any]]] = {
    "agent": ("agent", _agent),
    "verb": ("verb", _checked(formats.iri)),
    "activity": ("activity", _checked(formats.iri)),
    "registration": ("registration", _checked(formats.uuid)),
    "related_activities": ("related_activities", _boolean),
    "related_agents": ("related_agents", _boolean),
    "since": ("since", _instant),
    "until": ("until", _instant),
    "limit": ("limit", _limit),
    "ascending": ("ascending", _boolean),
}


def parse_options(args: MultiDict[str, str]) -> tuple[str, bool]:
    result_format = args.get("format", "exact")
    if result_format not in FORMATS:
        raise BadRequest(f"format parameter: must be one of {', '.join(FORMATS)}")
    return result_format, _boolean(args.get("attachments", "false"), "attachments")


def encode_more(args: Mapping[str, str], next_pk: int) -> str:
    """Return the `more` token continuing the listing ``args`` after primary key ``next_pk``."""
    state = {"p": dict(args.items()), "c": next_pk}
    return base64.urlsafe_b64encode(json.dumps(state, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_more(token: str) -> tuple[dict[str, str], int]:
    """Return the parameters and cursor of a `more` token (400 when it is not one of ours)."""
    try:
        state = strict_json.parse(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)), where="more")
        args, after_pk = {str(k): str(v) for k, v in dict(state["p"]).items()}, int(state["c"])
    except (binascii.Error, ValueError, KeyError, TypeError, AttributeError, BadRequest):
        raise BadRequest("more parameter: not a more token issued by this LRS") from None
    if set(args) - LIST_PARAMETERS or not 0 <= after_pk <= MAX_PRIMARY_KEY:
        raise BadRequest("more parameter: not a more token issued by this LRS")
    return args, after_pk
