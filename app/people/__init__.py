"""Administration of people: accounts, roles, teams, password resets and erasure."""

from app.people.views import bp

__all__ = ["bp"]
