"""The objects of xAPI-Data as a table: for each shape, its properties with their checks, the required ones,
and the cross-property rules. ``check(shape, value, path)`` walks a value through the table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from learning_record_store.errors import StatementValidationError as Invalid
from learning_record_store.validation import formats as f
from learning_record_store.validation import rules
from learning_record_store.validation.rules import COMPONENT_LISTS, INTERACTION_COMPONENTS

Check = Callable[[Any, str], None]


@dataclass(frozen=True, slots=True)
class Shape:
    properties: Mapping[str, Check]
    required: frozenset[str] = frozenset()
    rules: tuple[Callable[[Mapping[str, Any], str], None], ...] = ()


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def check(shape_name: str, value: Any, path: str) -> None:
    """Check ``value`` against shape ``shape_name``: known properties, no nulls, required ones, rules."""
    check_against(SHAPES[shape_name], value, path)


def check_against(shape: Shape, value: Any, path: str) -> None:
    # The ingest hot path: one pass over the properties, the path string built only where it is needed.
    if type(value) is not dict:
        raise Invalid("must be an object", path=path)
    properties = shape.properties
    prefix = f"{path}." if path else ""
    for name, item in value.items():
        item_check = properties.get(name)
        if item_check is None:
            raise Invalid(f"unknown property {name!r}", path=path)
        if item is None:
            raise Invalid("must not be null", path=prefix + name)
        item_check(item, prefix + name)
    if not shape.required <= value.keys():
        missing = sorted(shape.required - value.keys())[0]
        raise Invalid("is required", path=prefix + missing)
    for rule in shape.rules:
        rule(value, path)


def of(shape_name: str) -> Check:
    """Return a check of shape ``shape_name`` (looked up once, on first use: shapes refer to each other)."""
    resolved: list[Shape] = []

    def check_shape(value: Any, path: str) -> None:
        if not resolved:
            resolved.append(SHAPES[shape_name])
        check_against(resolved[0], value, path)

    return check_shape


# --- checks that dispatch on objectType ---------------------------------------------------------


def _context_activities_are_lists(obj: Mapping[str, Any], path: str) -> None:
    for name, value in obj.items():
        items = value if type(value) is list else [value]
        for index, item in enumerate(items):
            check("Activity", item, f"{path}.{name}[{index}]" if type(value) is list else f"{path}.{name}")


def _statement_object(value: Any, path: str) -> None:
    obj = f.require_object(value, path)
    kind = obj.get("objectType", "Activity")
    shape = OBJECT_SHAPES.get(kind) if type(kind) is str else None
    if shape is None:
        raise Invalid(f"must be one of {', '.join(OBJECT_SHAPES)}", path=_join(path, "objectType"))
    check(shape, obj, path)


def _sub_statement_object(value: Any, path: str) -> None:
    if isinstance(value, dict) and value.get("objectType") == "SubStatement":
        raise Invalid("a SubStatement must not contain a SubStatement", path=_join(path, "objectType"))
    _statement_object(value, path)


def _checked_by_rule(_value: Any, _path: str) -> None:
    pass


def _actor(value: Any, path: str) -> None:
    obj = f.require_object(value, path)
    check("Group" if obj.get("objectType") == "Group" else "Agent", obj, path)


# --- the table -------------------------------------------------------------------------------------

_AGENT_IFIS: dict[str, Check] = {
    "name": f.string,
    "mbox": f.mailto,
    "mbox_sha1sum": f.sha1,
    "openid": f.iri,
    "account": of("Account"),
}
_STATEMENT_CORE: dict[str, Check] = {
    "actor": _actor,
    "verb": of("Verb"),
    "object": _statement_object,
    "result": of("Result"),
    "context": of("Context"),
    "timestamp": f.timestamp,
    "attachments": f.list_of(of("Attachment")),
}

SHAPES: dict[str, Shape] = {
    "Statement": Shape(
        {**_STATEMENT_CORE, "id": f.uuid, "stored": f.timestamp, "authority": _actor, "version": f.string},
        frozenset({"actor", "verb", "object"}),
        (
            rules.version_is_1_0,
            rules.authority_is_agent_or_oauth_pair,
            rules.context_fits_object,
            rules.voiding_targets_statement,
        ),
    ),
    "SubStatement": Shape(
        {**_STATEMENT_CORE, "objectType": f.one_of("SubStatement"), "object": _sub_statement_object},
        frozenset({"objectType", "actor", "verb", "object"}),
        (rules.context_fits_object, rules.voiding_targets_statement),
    ),
    "Agent": Shape({**_AGENT_IFIS, "objectType": f.one_of("Agent")}, rules=(rules.agent_has_one_ifi,)),
    "AgentObject": Shape(
        {**_AGENT_IFIS, "objectType": f.one_of("Agent")},
        frozenset({"objectType"}),
        (rules.agent_has_one_ifi,),
    ),
    "Group": Shape(
        {**_AGENT_IFIS, "objectType": f.one_of("Group"), "member": f.list_of(of("Agent"))},
        frozenset({"objectType"}),
        (rules.group_is_identified_or_lists_members,),
    ),
    "Account": Shape({"homePage": f.iri, "name": f.non_empty_string}, frozenset({"homePage", "name"})),
    "Verb": Shape({"id": f.iri, "display": f.language_map}, frozenset({"id"})),
    "Activity": Shape(
        {"objectType": f.one_of("Activity"), "id": f.iri, "definition": of("ActivityDefinition")},
        frozenset({"id"}),
    ),
    "ActivityDefinition": Shape(
        {
            "name": f.language_map,
            "description": f.language_map,
            "type": f.iri,
            "moreInfo": f.iri,
            "extensions": f.extensions,
            "interactionType": f.one_of(*INTERACTION_COMPONENTS),
            "correctResponsesPattern": f.list_of(f.string),
            **{name: f.list_of(of("InteractionComponent")) for name in COMPONENT_LISTS},
        },
        rules=(rules.interaction_components_fit_type,),
    ),
    "InteractionComponent": Shape(
        {"id": f.non_empty_string, "description": f.language_map}, frozenset({"id"})
    ),
    "StatementRef": Shape(
        {"objectType": f.one_of("StatementRef"), "id": f.uuid}, frozenset({"objectType", "id"})
    ),
    "Result": Shape(
        {
            "score": of("Score"),
            "success": f.boolean,
            "completion": f.boolean,
            "response": f.string,
            "duration": f.duration,
            "extensions": f.extensions,
        }
    ),
    "Score": Shape(
        {"scaled": f.number, "raw": f.number, "min": f.number, "max": f.number}, rules=(rules.score_in_range,)
    ),
    "Context": Shape(
        {
            "registration": f.uuid,
            "instructor": _actor,
            "team": of("Group"),
            "contextActivities": of("ContextActivities"),
            "revision": f.string,
            "platform": f.string,
            "language": f.language_tag,
            "statement": of("StatementRef"),
            "extensions": f.extensions,
        }
    ),
    "ContextActivities": Shape(
        # Items are checked by the rule so that a single Activity and a list of them both work.
        dict.fromkeys(("parent", "grouping", "category", "other"), _checked_by_rule),
        rules=(_context_activities_are_lists,),
    ),
    "Attachment": Shape(
        {
            "usageType": f.iri,
            "display": f.language_map,
            "description": f.language_map,
            "contentType": f.media_type,
            "length": f.non_negative_integer,
            "sha2": f.sha2,
            "fileUrl": f.iri,
        },
        frozenset({"usageType", "display", "contentType", "length", "sha2"}),
    ),
}

# What a statement's (or SubStatement's) object may be, by objectType.
OBJECT_SHAPES: dict[str, str] = {
    "Activity": "Activity",
    "Agent": "AgentObject",
    "Group": "Group",
    "StatementRef": "StatementRef",
    "SubStatement": "SubStatement",
}
