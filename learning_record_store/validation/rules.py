"""Cross-property rules of xAPI-Data: each takes an object checked property by property, and its path."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from learning_record_store.errors import StatementValidationError as Invalid

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


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def count_ifis(obj: Mapping[str, Any]) -> int:
    return sum(1 for name in IFIS if name in obj)


def agent_has_one_ifi(obj: Mapping[str, Any], path: str) -> None:
    if count_ifis(obj) != 1:
        raise Invalid("an Agent must have exactly one of mbox, mbox_sha1sum, openid, account", path=path)


def group_is_identified_or_lists_members(obj: Mapping[str, Any], path: str) -> None:
    count = count_ifis(obj)
    if count > 1:
        raise Invalid("an identified Group must have exactly one inverse functional identifier", path=path)
    if count == 0 and "member" not in obj:
        raise Invalid("an anonymous Group must list its members", path=_join(path, "member"))


def interaction_components_fit_type(obj: Mapping[str, Any], path: str) -> None:
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


def score_in_range(obj: Mapping[str, Any], path: str) -> None:
    scaled, raw, low, high = (obj.get(name) for name in ("scaled", "raw", "min", "max"))
    if scaled is not None and not -1 <= scaled <= 1:
        raise Invalid("must be between -1 and 1", path=_join(path, "scaled"))
    if low is not None and high is not None and not low < high:
        raise Invalid("must be greater than min", path=_join(path, "max"))
    # `is not None`, never truthiness: a raw score of 0 must be range-checked too.
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        raise Invalid("must be between min and max", path=_join(path, "raw"))


def version_is_1_0(obj: Mapping[str, Any], path: str) -> None:
    version = obj.get("version")
    if version is not None and not (version == "1.0" or version.startswith("1.0.")):
        raise Invalid("must start with 1.0.", path=_join(path, "version"))


def authority_is_agent_or_oauth_pair(obj: Mapping[str, Any], path: str) -> None:
    authority = obj.get("authority")
    if authority is not None and authority.get("objectType") == "Group":
        members = authority.get("member", [])
        if len(members) != 2 or count_ifis(authority):
            raise Invalid(
                "a Group authority must be an anonymous Group of two Agents (3-legged OAuth)",
                path=_join(path, "authority"),
            )


def context_fits_object(obj: Mapping[str, Any], path: str) -> None:
    context = obj.get("context")
    if context is None:
        return
    object_type = obj["object"].get("objectType", "Activity")
    for name in ("revision", "platform"):
        if name in context and object_type != "Activity":
            raise Invalid("only allowed when the object is an Activity", path=_join(path, f"context.{name}"))


def voiding_targets_statement(obj: Mapping[str, Any], path: str) -> None:
    if obj["verb"]["id"] == VOIDED and obj["object"].get("objectType") != "StatementRef":
        raise Invalid(
            "a voiding statement's object must be a StatementRef", path=_join(path, "object.objectType")
        )
