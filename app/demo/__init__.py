"""Demo data for a first run: one team with an admin, a lead, two mentors and six learners.

``history`` writes the team's last six weeks (``create_demo`` does both, as ``elearn serve`` does on an empty
database) and ``logins`` keeps the demo logins so that ``elearn demo logins`` can show them again.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.accounts import create_user

DEMO_TEAM = "Demo team"
DEMO_PEOPLE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("admin@demo.elearn", "Alex Admin", ("admin",)),
    ("lead@demo.elearn", "Lee Lead", ("lead",)),
    ("mentor1@demo.elearn", "Morgan Mentor", ("mentor",)),
    ("mentor2@demo.elearn", "Mo Mentor", ("mentor",)),
    ("learner1@demo.elearn", "Lina Learner", ("learner",)),
    ("learner2@demo.elearn", "Luca Learner", ("learner",)),
    ("learner3@demo.elearn", "Leah Learner", ("learner",)),
    ("learner4@demo.elearn", "Liam Learner", ("learner",)),
    ("learner5@demo.elearn", "Lola Learner", ("learner",)),
    ("learner6@demo.elearn", "Levi Learner", ("learner",)),
)

# Hooks that add more demo data (mentoring relationships, plans …) once the people exist.
DEMO_HOOKS: list = []


@dataclass(frozen=True, slots=True)
class DemoLogin:
    email: str
    roles: tuple[str, ...]
    password: str


def create_demo_team(session: Session, password: str | None = None) -> list[DemoLogin]:
    """Create the demo team; every demo account shares one random password."""
    password = password or "demo-" + secrets.token_urlsafe(9)
    logins = []
    users = []
    for email, name, roles in DEMO_PEOPLE:
        users.append(
            create_user(session, email=email, name=name, password=password, roles=roles, team=DEMO_TEAM)
        )
        logins.append(DemoLogin(email, roles, password))
    for hook in DEMO_HOOKS:
        hook(session, users)
    return logins
