"""Creating and finding accounts."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts.models import ROLES, Role, Team, User
from app.accounts.passwords import check_password_strength, hash_password, verify_password


class AccountError(ValueError):
    """Bad input for an account, naming the field it concerns (``email``, ``name`` or ``roles``)."""

    def __init__(self, message: str, *, field: str = "email") -> None:
        super().__init__(message)
        self.field = field


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalize_email(email)))


def get_or_create_team(session: Session, name: str) -> Team:
    team = session.scalar(select(Team).where(func.lower(Team.name) == name.strip().lower()))
    if team is None:
        team = Team(name=name.strip())
        session.add(team)
        session.flush()
    return team


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    password: str,
    roles: tuple[str, ...] | list[str] = ("learner",),
    team: str | None = None,
    check_strength: bool = True,
) -> User:
    """Create a user with hashed password; raise AccountError or WeakPasswordError on bad input."""
    email = normalize_email(email)
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise AccountError(f"{email!r} is not an email address")
    if not name.strip():
        raise AccountError("name must not be empty", field="name")
    unknown = sorted(set(roles) - set(ROLES))
    if unknown or not roles:
        raise AccountError(
            f"unknown role {', '.join(unknown) or '(none)'}; choose from {', '.join(ROLES)}", field="roles"
        )
    if find_user_by_email(session, email) is not None:
        raise AccountError(f"a user with email {email} already exists")
    if check_strength:
        check_password_strength(password, email=email)
    user = User(email=email, name=name.strip(), password_hash=hash_password(password))
    user.role_rows = [Role(name=role) for role in dict.fromkeys(roles)]
    if team:
        user.team = get_or_create_team(session, team)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """Return the active user with these credentials, or None (same cost whether or not the email exists)."""
    user = find_user_by_email(session, email)
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password) or not user.is_active:
        return None
    return user


_DUMMY_HASH = hash_password("not-a-real-password-used-for-timing")
