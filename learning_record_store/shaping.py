"""Pure transformations of statements: LRS-assigned properties, index keys, and the comparison rules."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from learning_record_store.keys import agent_ifi, index_key
from learning_record_store.validation.formats import parse_timestamp

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
CONTEXT_ACTIVITY_KINDS = ("parent", "grouping", "category", "other")


def prepare(statement: Mapping[str, Any], *, authority: Mapping[str, Any] | None) -> dict[str, Any]:
    """Return ``statement`` as stored: id, authority and version set, lists normalized (see ``stamp``)."""
    prepared = dict(statement)
    prepared["id"] = str(statement.get("id") or uuid.uuid4()).lower()
    prepared.setdefault("version", "1.0.0")
    if authority is not None:
        prepared["authority"] = dict(authority)
    _normalize_context(prepared)
    if prepared["object"].get("objectType") == "SubStatement":
        prepared["object"] = dict(prepared["object"])
        _normalize_context(prepared["object"])
    return prepared


def stamp(statements: list[dict[str, Any]], stored: str) -> None:
    """Set ``stored`` (and ``timestamp`` where the statement has none) on prepared statements."""
    for statement in statements:
        statement["stored"] = stored
        statement.setdefault("timestamp", stored)


def _normalize_context(statement: dict[str, Any]) -> None:
    """Turn single context activities into lists (the LRS must return arrays)."""
    context = statement.get("context") or {}
    activities = context.get("contextActivities")
    if not activities or all(type(value) is list for value in activities.values()):
        return
    statement["context"] = {
        **context,
        "contextActivities": {
            name: value if type(value) is list else [value] for name, value in activities.items()
        },
    }


def voided_target(statement: Mapping[str, Any]) -> str | None:
    """Return the id of the statement this one voids, if it is a voiding statement."""
    if statement["verb"]["id"] == VOIDED:
        return str(statement["object"]["id"]).lower()
    return None


def referenced_statement(statement: Mapping[str, Any]) -> str | None:
    obj = statement["object"]
    return str(obj["id"]).lower() if obj.get("objectType") == "StatementRef" else None


# --- index keys ------------------------------------------------------------------------------------


def index_keys(statement: Mapping[str, Any]) -> set[str]:
    """Return the keys of every filter this statement meets by itself (see ``StatementIndex``)."""
    entries: dict[
        tuple[str, str], str
    ] = {}  # (kind, value) -> kind; a primary position wins over a related one

    def add(kind: str, value: str) -> None:
        base = kind.rstrip("+")
        if entries.get((base, value)) != base:
            entries[(base, value)] = kind

    add("verb", statement["verb"]["id"])
    for kind, value in _agent_entries(statement["actor"], primary=True):
        add(kind, value)
    _add_object(statement["object"], add, primary=True)
    _add_context(statement.get("context"), add)
    for kind, value in _agent_entries(statement.get("authority"), primary=False):
        add(kind, value)
    return {index_key(kind, value) for (_base, value), kind in entries.items()}


def _agent_entries(agent: Mapping[str, Any] | None, *, primary: bool) -> Iterator[tuple[str, str]]:
    if agent is None:
        return
    ifi = agent_ifi(agent)
    if ifi is not None:
        yield ("agent" if primary else "agent+"), ifi
    for member in agent.get("member", ()):
        member_ifi = agent_ifi(member)
        if member_ifi is not None:
            yield "agent+", member_ifi


def _add_object(obj: Mapping[str, Any], add: Any, *, primary: bool) -> None:
    kind = obj.get("objectType", "Activity")
    if kind == "Activity":
        add("activity" if primary else "activity+", obj["id"])
    elif kind in ("Agent", "Group"):
        for entry in _agent_entries(obj, primary=primary):
            add(*entry)
    elif kind == "SubStatement":
        for entry in _agent_entries(obj["actor"], primary=False):
            add(*entry)
        _add_object(obj["object"], add, primary=False)
        _add_context(obj.get("context"), add)


def _add_context(context: Mapping[str, Any] | None, add: Any) -> None:
    if not context:
        return
    if "registration" in context:
        add("registration", context["registration"].lower())
    for name in ("instructor", "team"):
        for entry in _agent_entries(context.get(name), primary=False):
            add(*entry)
    for activities in (context.get("contextActivities") or {}).values():
        for activity in activities if type(activities) is list else [activities]:
            add("activity+", activity["id"])


# --- comparison ------------------------------------------------------------------------------------


def is_same_statement(stored: Mapping[str, Any], incoming: Mapping[str, Any]) -> bool:
    """Return whether two statements are the same under xAPI's statement comparison rules."""
    if _comparable(stored) != _comparable(incoming):
        return False
    if "timestamp" in incoming and "timestamp" in stored:
        return bool(
            parse_timestamp(stored["timestamp"], "timestamp")
            == parse_timestamp(incoming["timestamp"], "timestamp")
        )
    return True


# Properties the LRS may assign or that are not part of the immutable statement.
_IGNORED = frozenset({"id", "authority", "stored", "version", "timestamp", "attachments"})


def _comparable(statement: Mapping[str, Any]) -> str:
    return json.dumps(_strip(statement, top=True), sort_keys=True)


def _strip(value: Any, *, top: bool = False) -> Any:
    if type(value) is list:
        return [_strip(item) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for name, item in value.items():
        if top and name in _IGNORED:
            continue
        if name in ("display", "definition"):  # verb display, activity definitions: not part of it
            continue
        if name in ("mbox", "mbox_sha1sum", "registration"):
            item = item.lower()
        elif name == "member":
            item = sorted((_strip(member) for member in item), key=lambda m: json.dumps(m, sort_keys=True))
        elif name == "contextActivities":
            item = {kind: acts if type(acts) is list else [acts] for kind, acts in item.items()}
        elif name == "timestamp":
            item = parse_timestamp(item, name).isoformat()
        elif name == "id" and value.get("objectType") == "StatementRef":
            item = item.lower()
        result[name] = _strip(item)
    return result
