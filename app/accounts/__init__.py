"""People, their roles and teams."""

from app.accounts.models import ROLES, Base, Role, Team, User
from app.accounts.passwords import WeakPasswordError, check_password_strength
from app.accounts.services import AccountError, create_user, find_user_by_email, get_or_create_team

__all__ = [
    "ROLES",
    "AccountError",
    "Base",
    "Role",
    "Team",
    "User",
    "WeakPasswordError",
    "check_password_strength",
    "create_user",
    "find_user_by_email",
    "get_or_create_team",
]
