"""Tell the record store which identifiers belong to one elearn user: for the Agents Resource, and to
erase the user's documents (state, agent profiles) with the rest of their data.

elearn sends a learner as an account on its home page (or, with ``XAPI_ACTOR_EMAIL``, as a mailbox);
given either, the Person object lists both, with the user's name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from flask import current_app, has_app_context, has_request_context, request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts import User
from app.erasure import ERASERS
from learning_record_store.documents import agent_key, delete_agent_documents
from learning_record_store.people import register_resolver


def home_page() -> str | None:
    configured = current_app.config.get("BASE_URL") if has_app_context() else None
    if configured:
        return str(configured)
    return request.host_url if has_request_context() else None


def linked_identities(session: Session, agent: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the Agents of the elearn user ``agent`` names (none when it names no user)."""
    user = _user_of(session, agent)
    if user is None:
        return []
    identities: list[dict[str, Any]] = [{"name": user.name, "mbox": f"mailto:{user.email}"}]
    home = home_page()
    if home:
        identities.append({"name": user.name, "account": {"homePage": home, "name": user.uid}})
    return identities


def _user_of(session: Session, agent: Mapping[str, Any]) -> User | None:
    if "mbox" in agent:
        email = str(agent["mbox"]).removeprefix("mailto:").lower()
        return session.scalar(select(User).where(func.lower(User.email) == email))
    account = agent.get("account")
    if account and account.get("homePage") == home_page():
        return session.scalar(select(User).where(User.uid == account.get("name")))
    return None


def erase_lrs_documents(session: Session, user: User) -> dict[str, Any]:
    """Eraser: delete the user's state and agent profile documents, by mailbox and by account."""
    mbox = f"mailto:{user.email}"
    keys = [
        agent_key({"mbox": mbox}),
        agent_key({"mbox_sha1sum": hashlib.sha1(mbox.encode()).hexdigest()}),
    ]
    return {"documents": delete_agent_documents(session, keys, account_names=[user.uid])}


def init_app() -> None:
    from app.lrs_erasure import erase_lrs_statements

    register_resolver(linked_identities)
    if erase_lrs_statements not in ERASERS:
        ERASERS.append(erase_lrs_statements)
    if erase_lrs_documents not in ERASERS:
        ERASERS.append(erase_lrs_documents)
