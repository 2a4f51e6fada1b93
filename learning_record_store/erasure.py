"""Erasing a person from stored statements: every place an agent appears is replaced by a stand-in.

Statements are evidence other people rely on (scores, completions, mentors' reviews), so they are kept
and only the person is replaced: the actor (and the agent wherever else it appears: object, group
members, context instructor or team, authority, sub-statements) becomes the ``replacement`` agent. The
filter columns and index rows follow, so a query by the old agent finds nothing and one by the
replacement finds the statements. Free text in the result of the person's own statements goes too (the
``response``: an essay, a fill-in text, a reflection; text-valued result extensions, such as a mentor's
comment); scores, success and completion stay. Pending forwarding entries
carry a copy of the statement, so they are rewritten too; statements already delivered to another LRS
are beyond this store's reach.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from learning_record_store.forwarding.models import OutboxEntry
from learning_record_store.keys import agent_ifi, agent_key, index_key
from learning_record_store.models import Statement, StatementIndex

AGENT_KINDS = ("agent", "agent+")


def anonymise_agent(session: Session, agent: Mapping[str, Any], replacement: Mapping[str, Any]) -> int:
    """Replace ``agent`` by ``replacement`` in every stored statement; return how many were rewritten."""
    old_ifi, new_ifi = agent_ifi(agent), agent_ifi(replacement)
    if old_ifi is None or new_ifi is None:
        raise ValueError("both agents need an inverse functional identifier")
    renamed_keys = {index_key(kind, old_ifi): index_key(kind, new_ifi) for kind in AGENT_KINDS}
    rewritten = 0
    for statement in session.scalars(_candidates(agent, set(renamed_keys))):
        payload = json.loads(statement.payload)
        anonymised = _replace_agent(payload, old_ifi, dict(replacement))
        if agent_ifi(payload["actor"]) == old_ifi:
            _drop_response(anonymised)
        if anonymised != payload:
            _rewrite(session, statement, anonymised)
            rewritten += 1
        _rename_index_rows(session, statement.pk, renamed_keys)
    session.flush()
    return rewritten


def agents_with_account_name(session: Session, name: str) -> list[dict[str, Any]]:
    """Return the distinct account Agents named ``name`` on any home page in the stored statements."""
    query = select(Statement.payload).where(Statement.payload.contains(name, autoescape=True))
    found: dict[str, dict[str, Any]] = {}
    for payload in session.scalars(query):
        for account in _accounts(json.loads(payload)):
            if account.get("name") == name:
                found[str(account.get("homePage"))] = {"account": dict(account)}
    return [found[home] for home in sorted(found)]


def _accounts(value: Any) -> Any:
    if isinstance(value, list):
        for item in value:
            yield from _accounts(item)
    elif isinstance(value, dict):
        if isinstance(value.get("account"), dict):
            yield value["account"]
        for item in value.values():
            yield from _accounts(item)


def _candidates(agent: Mapping[str, Any], keys: set[str]) -> Any:
    """Statements that may name ``agent``: by their filter columns, index rows, or payload text."""
    key = agent_key(agent)
    indexed = select(StatementIndex.statement_pk).where(StatementIndex.key.in_(keys))
    # Voided statements have no index rows; the text search finds the agent in any position of those.
    needle = _identifier_text(agent).lower()
    return select(Statement).where(
        or_(
            Statement.actor_key == key,
            Statement.authority_key == key,
            Statement.pk.in_(indexed),
            func.lower(Statement.payload).contains(needle, autoescape=True),
        )
    )


def _identifier_text(agent: Mapping[str, Any]) -> str:
    account = agent.get("account")
    if account is not None:
        return str(account["name"])
    for field in ("mbox", "mbox_sha1sum", "openid"):
        if field in agent:
            return str(agent[field])
    raise ValueError("agent has no inverse functional identifier")


def _replace_agent(value: Any, ifi: str, replacement: dict[str, Any]) -> Any:
    """Return ``value`` with every agent whose identifier is ``ifi`` replaced (its objectType kept)."""
    if isinstance(value, list):
        return [_replace_agent(item, ifi, replacement) for item in value]
    if not isinstance(value, dict):
        return value
    if agent_ifi(value) == ifi and value.get("objectType", "Agent") in ("Agent", "Group"):
        kept = {"objectType": value["objectType"]} if "objectType" in value else {}
        return kept | replacement
    return {name: _replace_agent(item, ifi, replacement) for name, item in value.items()}


def _drop_response(statement: dict[str, Any]) -> None:
    result = statement.get("result")
    if not isinstance(result, dict):
        return
    result.pop("response", None)
    extensions = result.get("extensions")
    if isinstance(extensions, dict):
        kept = {iri: value for iri, value in extensions.items() if not isinstance(value, str)}
        if kept:
            result["extensions"] = kept
        else:
            del result["extensions"]


def _rewrite(session: Session, statement: Statement, payload: dict[str, Any]) -> None:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    statement.payload = text
    statement.actor_key = agent_key(payload["actor"])
    statement.authority_key = agent_key(payload["authority"])
    session.execute(
        update(OutboxEntry)
        .where(OutboxEntry.statement_id == statement.statement_id, OutboxEntry.payload.is_not(None))
        .values(payload=text)
    )


def _rename_index_rows(session: Session, statement_pk: int, renamed: Mapping[str, str]) -> None:
    """Point the statement's agent index rows (its own, or inherited through a StatementRef) anew."""
    present = set(
        session.scalars(
            select(StatementIndex.key).where(
                StatementIndex.statement_pk == statement_pk,
                StatementIndex.key.in_(set(renamed) | set(renamed.values())),
            )
        )
    )
    for old, new in renamed.items():
        if old not in present:
            continue
        session.execute(
            delete(StatementIndex).where(
                StatementIndex.statement_pk == statement_pk, StatementIndex.key == old
            )
        )
        if new not in present:
            session.add(StatementIndex(key=new, statement_pk=statement_pk))
