"""Forwarding targets: where stored statements are sent on, and which of them each one wants.

Configured as JSON (the app's ``LRS_FORWARD_TARGETS``), a list of objects::

    [{"name": "corporate", "endpoint": "https://lrs.example.com/xapi/",
      "username": "key", "password": "secret",           # or "key" / "secret"
      "verbs": ["http://adlnet.gov/expapi/verbs/passed"],  # optional
      "activity_prefix": "https://elearn.example/"}]       # optional, a string or a list

A statement goes to a target when its verb is listed (or no verbs are) and its object or one of its
context activities starts with a listed prefix (or no prefixes are). Voiding statements always go, so a
target never keeps a statement elearn has voided.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


class TargetConfigError(ValueError):
    """LRS_FORWARD_TARGETS is not a valid list of targets."""


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    endpoint: str  # the xAPI base URL, ending with "/"
    username: str = ""
    password: str = ""
    verbs: frozenset[str] = frozenset()
    activity_prefixes: tuple[str, ...] = ()

    @property
    def statements_url(self) -> str:
        return self.endpoint + "statements"

    def wants(self, statement: Mapping[str, Any]) -> bool:
        """Return whether this target takes ``statement``."""
        verb = statement.get("verb", {}).get("id")
        if verb == VOIDED:
            return True
        if self.verbs and verb not in self.verbs:
            return False
        if self.activity_prefixes:
            return any(iri.startswith(self.activity_prefixes) for iri in activity_ids(statement))
        return True


def activity_ids(statement: Mapping[str, Any]) -> Iterable[str]:
    """Yield the ids of the statement's object (when an Activity) and of its context activities."""
    target = statement.get("object", {})
    if target.get("objectType", "Activity") == "Activity" and "id" in target:
        yield target["id"]
    context_activities = statement.get("context", {}).get("contextActivities", {})
    for activities in context_activities.values():
        for activity in activities if isinstance(activities, list) else [activities]:
            if isinstance(activity, Mapping) and "id" in activity:
                yield activity["id"]


def parse_targets(value: Any) -> list[Target]:
    """Parse the configured targets (a JSON string or an already decoded list); empty when unset."""
    if value in (None, "", []):
        return []
    if isinstance(value, str | bytes):
        try:
            value = json.loads(value)
        except ValueError as error:
            raise TargetConfigError(f"LRS_FORWARD_TARGETS: not valid JSON ({error})") from None
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, list):
        raise TargetConfigError("LRS_FORWARD_TARGETS: must be a list of target objects")
    targets = [_parse_target(item, index) for index, item in enumerate(value)]
    names = [target.name for target in targets]
    if len(set(names)) != len(names):
        raise TargetConfigError("LRS_FORWARD_TARGETS: target names must be unique")
    return targets


def _parse_target(item: Any, index: int) -> Target:
    where = f"LRS_FORWARD_TARGETS[{index}]"
    if not isinstance(item, Mapping) or not isinstance(item.get("endpoint"), str):
        raise TargetConfigError(f"{where}: must be an object with an 'endpoint' URL")
    endpoint = item["endpoint"].rstrip("/") + "/"
    if not endpoint.startswith(("http://", "https://")):
        raise TargetConfigError(f"{where}.endpoint: must be an http(s) URL")
    name = str(item.get("name") or endpoint)
    if len(name) > 100:
        raise TargetConfigError(f"{where}.name: at most 100 characters")
    prefixes = item.get("activity_prefix") or item.get("activity_prefixes") or ()
    return Target(
        name=name,
        endpoint=endpoint,
        username=str(item.get("username", item.get("key", ""))),
        password=str(item.get("password", item.get("secret", ""))),
        verbs=frozenset(_strings(item.get("verbs") or (), f"{where}.verbs")),
        activity_prefixes=tuple(_strings(prefixes, f"{where}.activity_prefix")),
    )


def _strings(value: Any, where: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(item, str) for item in items):
        raise TargetConfigError(f"{where}: must be a string or a list of strings")
    return list(items)
