"""The ids a learner sees for choices, steps, premises and targets: opaque, and mapped back on the server.

Source ids are positional (``a``, ``b`` …; matching targets ``1``, ``2`` …), and for ordering and matching the
source order is the answer: steps are written in the right order and premise k's target is numbered k. A page
that showed source ids would give the key away however it shuffled them. So every attempt draws random ids
when it starts and keeps them; the page shows only those, answers arrive in them and are translated back at
once. Stored responses, scoring, results, xAPI statements and exports stay in the source ids.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Callable, Mapping
from typing import Any

from assessments.model import Choice, Question
from assessments.question_types import ResponseError

# side ("choices": options, steps or premises; "targets": matching right sides) -> source id -> shown id
ShownIds = Mapping[str, Mapping[str, str]]
SIDES = ("choices", "targets")
ID_BITS = 64


def draw_shown_ids(question: Question, rng: random.Random) -> dict[str, dict[str, str]]:
    """Draw a random shown id for every choice and target of the question (none for true-false, text …)."""
    return {side: _draw(getattr(question, side), rng) for side in SIDES if getattr(question, side)}


def _draw(choices: tuple[Choice, ...], rng: random.Random) -> dict[str, str]:
    drawn: dict[str, str] = {}
    for choice in choices:
        token = f"{rng.getrandbits(ID_BITS):016x}"
        while token in drawn.values():  # pragma: no cover - one chance in 2**64 per pair
            token = f"{rng.getrandbits(ID_BITS):016x}"
        drawn[choice.id] = token
    return drawn


def keyed_shown_ids(question: Question, key: bytes, context: str) -> dict[str, dict[str, str]]:
    """Derive shown ids from a secret key and a per-learner context (checks have no attempt to keep them)."""

    def derive(side: str, source: str) -> str:
        message = f"{context}\x1f{question.id}\x1f{side}\x1f{source}".encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()[:16]

    return {
        side: {c.id: derive(side, c.id) for c in getattr(question, side)}
        for side in SIDES
        if getattr(question, side)
    }


def shown_order(ids: ShownIds, side: str) -> list[str]:
    """Return the source ids of one side in the (random) order of their shown ids."""
    return sorted(ids.get(side, {}), key=lambda source: ids[side][source])


def shown_view(view: dict[str, Any], ids: ShownIds) -> dict[str, Any]:
    """Return a public view whose choices and targets carry their shown ids instead of the source ids."""
    shown = dict(view)
    for side in SIDES:
        if side in view and ids.get(side):
            shown[side] = [{**item, "id": ids[side][item["id"]]} for item in view[side]]
    return shown


Lookup = Mapping[str, str]
Translator = Callable[[Any, Lookup, Lookup], Any]


def _key(value: Any, lookup: Lookup, what: str) -> str:
    if not isinstance(value, str) or value not in lookup:
        raise ResponseError(f'unknown {what} "{str(value)[:40]}"')
    return lookup[value]


def _one(value: Any, choices: Lookup, _targets: Lookup) -> Any:
    return _key(value, choices, "choice") if isinstance(value, str) else value


def _many(value: Any, choices: Lookup, _targets: Lookup) -> Any:
    return [_key(item, choices, "choice") for item in value] if isinstance(value, list) else value


def _pairs(value: Any, choices: Lookup, targets: Lookup) -> Any:
    if not isinstance(value, dict):
        return value
    return {_key(left, choices, "item"): _key(right, targets, "target") for left, right in value.items()}


# How each type's response names choices; a type missing here (true-false, fill-in, numeric, essay) has none.
TRANSLATORS: dict[str, Translator] = {
    "single": _one,
    "likert": _one,
    "multiple": _many,
    "ordering": _many,
    "matching": _pairs,
}


def to_source(question: Question, response: Any, ids: ShownIds) -> Any:
    """Translate a response given in shown ids into source ids; raise ResponseError for any other id.

    A source id sent instead of a shown one is refused like any unknown id. Attempts started before
    shown ids existed have none, and their responses are already in source ids.
    """
    translate = TRANSLATORS.get(question.type)
    if translate is None or not ids or response is None:
        return response
    back = {side: {shown: source for source, shown in ids.get(side, {}).items()} for side in SIDES}
    return translate(response, back["choices"], back["targets"])


def to_shown(question: Question, response: Any, ids: ShownIds) -> Any:
    """Translate a stored response (source ids) into the ids the learner's page shows."""
    translate = TRANSLATORS.get(question.type)
    if translate is None or not ids or response is None:
        return response
    return translate(response, ids.get("choices", {}), ids.get("targets", {}))
