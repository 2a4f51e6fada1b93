"""The Agents Resource's answer: a Person object gathering what the store knows about one agent.

Statements carry one identifier per Agent, so the store alone cannot tell that an account and a mailbox
belong to the same person. Resolvers registered in ``PERSON_RESOLVERS`` (the app registers one that knows
its users) add the other Agents of that person; names come from those Agents and from the newest
statement the agent made.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from learning_record_store.keys import agent_ifi, index_key
from learning_record_store.models import Statement, StatementIndex

PersonResolver = Callable[[Session, Mapping[str, Any]], Iterable[Mapping[str, Any]]]
PERSON_RESOLVERS: list[PersonResolver] = []
IDENTIFIERS = ("mbox", "mbox_sha1sum", "openid", "account")


def register_resolver(resolver: PersonResolver) -> None:
    """Add a resolver once (registering the same callable again is a no-op)."""
    if resolver not in PERSON_RESOLVERS:
        PERSON_RESOLVERS.append(resolver)


def person_object(session: Session, agent: Mapping[str, Any], *, include_linked: bool) -> dict[str, Any]:
    """Return the Person for ``agent``; other identifiers of that person only when ``include_linked``."""
    agents = [agent]
    if include_linked:
        for resolver in PERSON_RESOLVERS:
            agents.extend(resolver(session, agent))
    person: dict[str, Any] = {"objectType": "Person"}
    names = [a["name"] for a in agents if isinstance(a.get("name"), str)]
    names += _names_in_statements(session, agent)
    if names:
        person["name"] = list(dict.fromkeys(names))
    for identifier in IDENTIFIERS:
        values = _unique(a[identifier] for a in agents if identifier in a)
        if values:
            person[identifier] = values
    return person


def _names_in_statements(session: Session, agent: Mapping[str, Any]) -> list[str]:
    ifi = agent_ifi(agent)
    if ifi is None:
        return []
    payload = session.scalar(
        select(Statement.payload)
        .join(StatementIndex, StatementIndex.statement_pk == Statement.pk)
        .where(StatementIndex.key == index_key("agent", ifi))
        .order_by(Statement.pk.desc())
        .limit(1)
    )
    if payload is None:
        return []
    actor = json.loads(payload).get("actor", {})
    return [actor["name"]] if agent_ifi(actor) == ifi and isinstance(actor.get("name"), str) else []


def _unique(values: Iterable[Any]) -> list[Any]:
    seen: dict[str, Any] = {}
    for value in values:
        seen.setdefault(json.dumps(value, sort_keys=True), value)
    return list(seen.values())
