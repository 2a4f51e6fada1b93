"""Sign-in, sign-out and password reset by e-mail."""

from app.auth import reset  # noqa: F401  (adds the reset routes to the blueprint)
from app.auth.views import bp

__all__ = ["bp"]
