"""Stable keys for agents (their inverse functional identifier) and for statement index rows."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any


def agent_ifi(agent: Mapping[str, Any]) -> str | None:
    """Return the inverse functional identifier of an Agent or identified Group as one string."""
    if "mbox" in agent:
        return "mbox|" + agent["mbox"].lower()
    if "mbox_sha1sum" in agent:
        return "mbox_sha1sum|" + agent["mbox_sha1sum"].lower()
    if "openid" in agent:
        return "openid|" + agent["openid"]
    account = agent.get("account")
    if account is not None:
        return f"account|{account['homePage']}|{account['name']}"
    return None


def agent_key(agent: Mapping[str, Any]) -> str:
    """Return a short key naming an agent (anonymous groups: their sorted members)."""
    ifi = agent_ifi(agent)
    if ifi is None:
        ifi = "group|" + ",".join(sorted(agent_ifi(member) or "" for member in agent.get("member", [])))
    return digest(ifi)


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def index_key(kind: str, value: str) -> str:
    """Return an index row key; ``kind`` is verb, agent, agent+, activity, activity+ or registration."""
    return digest(f"{kind}|{value}")
