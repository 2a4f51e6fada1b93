"""The objects of xAPI-Data as a table: for each shape, its properties with their checks, the required ones,
and the cross-property rules. ``check(shape, value, path)`` walks a value through the table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from learning_record_store.errors import StatementValidationError as Invalid
from learning_record_store.validation import formats as f

Check = Callable[[Any, str], None]
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
INTERACTION_COMPONENTS: dict[str, tuple[str, ...]] = {
    "true-false": (),
    "fill-in": (),
    "long-fill-in": (),
    "numeric": (),
    "other": (),
    "choice": ("choices",),
    "sequencing": ("choices",),
    "likert": ("scale",),
    "matching": ("source", "target"),
    "performance": ("steps",),
}
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")


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


# --- cross-property rules --------------------------------------------------------------------------


def _count_ifis(obj: Mapping[str, Any]) -> int:
    return sum(1 for name in IFIS if name in obj)


def _agent_has_one_ifi(obj: Mapping[str, Any], path: str) -> None:
    if _count_ifis(obj) != 1:
        raise Invalid("an Agent must have exactly one of mbox, mbox_sha1sum, openid, account", path=path)


def _group_is_identified_or_lists_members(obj: Mapping[str, Any], path: str) -> None:
    count = _count_ifis(obj)
    if count > 1:
        raise Invalid("an identified Group must have exactly one inverse functional identifier", path=path)
    if count == 0 and "member" not in obj:
        raise Invalid("an anonymous Group must list its members", path=_join(path, "member"))


def _interaction_components_fit_type(obj: Mapping[str, Any], path: str) -> None:
    present = [name for name in COMPONENT_LISTS if name in obj]
    interaction = obj.get("interactionType")
    if interaction is None:
        if present or "correctResponsesPattern" in obj:
            raise Invalid(
                "interaction properties need an interactionType",
                path=_join(path, present[0] if present else "correctResponsesPattern"),
            )
        return
    allowed = INTERACTION_COMPONENTS[interaction]
    for name in present:
        if name not in allowed:
            raise Invalid(f"not allowed with interactionType {interaction!r}", path=_join(path, name))
        ids = [component["id"] for component in obj[name]]
        if len(ids) != len(set(ids)):
            raise Invalid("component ids must be distinct", path=_join(path, name))


def _score_in_range(obj: Mapping[str, Any], path: str) -> None:
    scaled, raw, low, high = (obj.get(name) for name in ("scaled", "raw", "min", "max"))
    if scaled is not None and not -1 <= scaled <= 1:
        raise Invalid("must be between -1 and 1", path=_join(path, "scaled"))
    if low is not None and high is not None and not low < high:
        raise Invalid("must be greater than min", path=_join(path, "max"))
    # `is not None`, never truthiness: a raw score of 0 must be range-checked too.
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        raise Invalid("must be between min and max", path=_join(path, "raw"))


def _context_activities_are_lists(obj: Mapping[str, Any], path: str) -> None:
    for name, value in obj.items():
        items = value if type(value) is list else [value]
        for index, item in enumerate(items):
            check("Activity", item, f"{path}.{name}[{index}]" if type(value) is list else f"{path}.{name}")


def _version_is_1_0(obj: Mapping[str, Any], path: str) -> None:
    version = obj.get("version")
    if version is not None and not (version == "1.0" or version.startswith("1.0.")):
        raise Invalid("must start with 1.0.", path=_join(path, "version"))


def _authority_is_agent_or_oauth_pair(obj: Mapping[str, Any], path: str) -> None:
    authority = obj.get("authority")
    if authority is not None and authority.get("objectType") == "Group":
        members = authority.get("member", [])
        if len(members) != 2 or _count_ifis(authority):
            raise Invalid(
                "a Group authority must be an anonymous Group of two Agents (3-legged OAuth)",
                path=_join(path, "authority"),
            )


def _context_fits_object(obj: Mapping[str, Any], path: str) -> None:
    context = obj.get("context")
    if context is None:
        return
    object_type = obj["object"].get("objectType", "Activity")
    for name in ("revision", "platform"):
        if name in context and object_type != "Activity":
            raise Invalid("only allowed when the object is an Activity", path=_join(path, f"context.{name}"))


def _voiding_targets_statement(obj: Mapping[str, Any], path: str) -> None:
    if obj["verb"]["id"] == VOIDED and obj["object"].get("objectType") != "StatementRef":
        raise Invalid(
            "a voiding statement's object must be a StatementRef", path=_join(path, "object.objectType")
        )


def _statement_object(value: Any, path: str) -> None:
    obj = f.require_object(value, path)
    kind = obj.get("objectType", "Activity")
    shape = OBJECT_SHAPES.get(kind)
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
            _version_is_1_0,
            _authority_is_agent_or_oauth_pair,
            _context_fits_object,
            _voiding_targets_statement,
        ),
    ),
    "SubStatement": Shape(
        {**_STATEMENT_CORE, "objectType": f.one_of("SubStatement"), "object": _sub_statement_object},
        frozenset({"objectType", "actor", "verb", "object"}),
        (_context_fits_object, _voiding_targets_statement),
    ),
    "Agent": Shape({**_AGENT_IFIS, "objectType": f.one_of("Agent")}, rules=(_agent_has_one_ifi,)),
    "AgentObject": Shape(
        {**_AGENT_IFIS, "objectType": f.one_of("Agent")}, frozenset({"objectType"}), (_agent_has_one_ifi,)
    ),
    "Group": Shape(
        {**_AGENT_IFIS, "objectType": f.one_of("Group"), "member": f.list_of(of("Agent"))},
        frozenset({"objectType"}),
        (_group_is_identified_or_lists_members,),
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
        rules=(_interaction_components_fit_type,),
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
        {"scaled": f.number, "raw": f.number, "min": f.number, "max": f.number}, rules=(_score_in_range,)
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
