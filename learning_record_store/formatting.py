"""The ``format`` parameter of GET /statements: ``exact`` (as stored), ``ids`` and ``canonical``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

IFI_PROPERTIES = ("mbox", "mbox_sha1sum", "openid", "account")
LANGUAGE_MAPS = ("display", "name", "description")


def ids_agent(agent: Mapping[str, Any]) -> dict[str, Any]:
    """Keep what identifies an agent or group: its IFI, or the members of an anonymous group."""
    reduced: dict[str, Any] = {"objectType": agent.get("objectType", "Agent")}
    for name in IFI_PROPERTIES:
        if name in agent:
            reduced[name] = agent[name]
            return reduced
    reduced["member"] = [ids_agent(member) for member in agent.get("member", [])]
    return reduced


def _ids_object(obj: Mapping[str, Any]) -> dict[str, Any]:
    kind = obj.get("objectType", "Activity")
    if kind in ("Agent", "Group"):
        return ids_agent(obj)
    if kind == "SubStatement":
        return {**format_ids(obj), "objectType": "SubStatement"}
    if kind == "Activity":
        return {"id": obj["id"]}  # an activity is its id ("Activity" is the default objectType)
    return {"objectType": kind, "id": obj["id"]}


def format_ids(statement: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``statement`` with agents, groups, activities and verbs reduced to their identifiers."""
    result = dict(statement)
    result["actor"] = ids_agent(statement["actor"])
    result["verb"] = {"id": statement["verb"]["id"]}
    result["object"] = _ids_object(statement["object"])
    if "authority" in statement:
        result["authority"] = ids_agent(statement["authority"])
    context = statement.get("context")
    if context:
        context = dict(context)
        for name in ("instructor", "team"):
            if name in context:
                context[name] = ids_agent(context[name])
        if "contextActivities" in context:
            context["contextActivities"] = {
                kind: [{"id": activity["id"]} for activity in activities]
                for kind, activities in context["contextActivities"].items()
            }
        result["context"] = context
    return result


def parse_accept_language(header: str | None) -> list[str]:
    """Return the language ranges of an Accept-Language header, most preferred first."""
    ranges = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranges.append((-quality, position, tag.strip().lower()))
    return [tag for _q, _p, tag in sorted(ranges)]


def pick_language(language_map: Mapping[str, str], preferred: Sequence[str]) -> dict[str, str]:
    """Keep one entry of a language map: the best match for ``preferred``, else the first one."""
    if not language_map:
        return {}
    lowered = {tag.lower(): tag for tag in language_map}
    for wanted in preferred:
        if wanted == "*":
            break
        for lower, tag in lowered.items():
            if lower == wanted or lower.startswith(wanted + "-"):
                return {tag: language_map[tag]}
    first = next(iter(language_map))
    return {first: language_map[first]}


def _map_languages(
    value: Any, choose: Callable[[Mapping[str, str]], dict[str, str]], *, key: str = ""
) -> Any:
    if type(value) is list:
        return [_map_languages(item, choose) for item in value]
    if not isinstance(value, dict):
        return value
    if key == "extensions":
        return value
    result = {}
    for name, item in value.items():
        if name in LANGUAGE_MAPS and isinstance(item, dict):
            result[name] = choose(item)
        else:
            result[name] = _map_languages(item, choose, key=name)
    return result


def _canonical_activities(value: Any, definitions: Mapping[str, Mapping[str, Any]], *, key: str = "") -> Any:
    if type(value) is list:
        return [_canonical_activities(item, definitions) for item in value]
    if not isinstance(value, dict) or key in ("extensions", "actor", "authority", "instructor", "team"):
        return value
    result = {name: _canonical_activities(item, definitions, key=name) for name, item in value.items()}
    is_activity = (
        key in ("object", "") and value.get("objectType", "Activity") == "Activity" and "id" in value
    )
    if (is_activity or key == "activity") and definitions.get(value.get("id", "")):
        result["definition"] = dict(definitions[value["id"]])
    return result


def format_canonical(
    statement: Mapping[str, Any], definitions: Mapping[str, Mapping[str, Any]], languages: Sequence[str]
) -> dict[str, Any]:
    """Return ``statement`` with the store's activity definitions and one language per language map."""
    with_definitions = dict(statement)
    with_definitions["object"] = _canonical_activities(statement["object"], definitions, key="object")
    context = statement.get("context")
    if context and "contextActivities" in context:
        with_definitions["context"] = {
            **context,
            "contextActivities": {
                kind: [
                    _canonical_activities(activity, definitions, key="activity") for activity in activities
                ]
                for kind, activities in context["contextActivities"].items()
            },
        }
    return _map_languages(with_definitions, lambda language_map: pick_language(language_map, languages))


def activity_ids(statement: Mapping[str, Any]) -> set[str]:
    """Return the ids of the activities a statement mentions (object and context)."""
    found: set[str] = set()
    obj = statement["object"]
    if obj.get("objectType", "Activity") == "Activity":
        found.add(obj["id"])
    elif obj.get("objectType") == "SubStatement":
        found |= activity_ids(obj)
    for activities in ((statement.get("context") or {}).get("contextActivities") or {}).values():
        found |= {activity["id"] for activity in activities}
    return found
