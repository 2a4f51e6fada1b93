"""Access rules for views: every route declares who may use it.

``@public`` marks a view anyone may call; ``@requires("mentor", "lead")`` lets in a signed-in user holding
any of those roles (``@requires()`` any signed-in user). A route-enumerating test checks that every
endpoint carries one of these rules, so a new route without a rule fails the suite.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])
ACCESS_ATTRIBUTE = "elearn_access"


def public(view: F) -> F:
    """Let anyone, signed in or not, use this view."""
    setattr(view, ACCESS_ATTRIBUTE, ("public",))
    return view


def requires(*roles: str) -> Callable[[F], F]:
    """Let in signed-in users holding any of ``roles`` (any signed-in user when none are given)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                from app.extensions import login_manager

                return login_manager.unauthorized()
            if roles and not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        setattr(guarded, ACCESS_ATTRIBUTE, tuple(roles) or ("authenticated",))
        return guarded  # type: ignore[return-value]

    return decorate


def access_rule(view: Callable[..., Any]) -> tuple[str, ...] | None:
    return getattr(view, ACCESS_ATTRIBUTE, None)
