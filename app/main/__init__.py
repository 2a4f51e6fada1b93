"""The landing page and the health check."""

from app.main.views import bp

__all__ = ["bp"]
