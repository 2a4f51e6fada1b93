"""Erase an elearn user from the statements in the record store.

The statements stay (they are evidence for scores, completions and team reports); the person in them is
replaced by a stand-in account ``erased-<random>`` on the same home page, with no name and no mailbox.
Which identifiers to replace does not depend on today's configuration: every account named with the
user's uid, on any home page the site was ever reached under, plus their mailbox (plain and SHA-1).
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from sqlalchemy.orm import Session

from app.accounts import User
from app.lrs_people import home_page
from learning_record_store.erasure import agents_with_account_name, anonymise_agent

FALLBACK_HOME_PAGE = "https://erased.invalid/"


def person_agents(session: Session, user: User, home: str | None) -> list[dict[str, Any]]:
    """Return every Agent the statements may name ``user`` by."""
    mbox = f"mailto:{user.email}"
    agents: list[dict[str, Any]] = agents_with_account_name(session, user.uid)
    if home and {"homePage": home, "name": user.uid} not in [a["account"] for a in agents]:
        agents.append({"account": {"homePage": home, "name": user.uid}})
    agents.append({"mbox": mbox})
    agents.append({"mbox_sha1sum": hashlib.sha1(mbox.encode()).hexdigest()})
    return agents


def erase_lrs_statements(session: Session, user: User) -> dict[str, Any]:
    """Eraser: replace the user by an ``erased-…`` stand-in account in every stored statement."""
    home = home_page()
    stand_in_name = f"erased-{secrets.token_hex(8)}"
    rewritten = 0
    for agent in person_agents(session, user, home):
        stand_in_home = agent["account"]["homePage"] if "account" in agent else home or FALLBACK_HOME_PAGE
        stand_in = {"account": {"homePage": stand_in_home, "name": stand_in_name}}
        rewritten += anonymise_agent(session, agent, stand_in)
    return {"statements": rewritten, "stand_in": stand_in_name}
