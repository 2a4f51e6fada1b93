"""The admin's overview: people, content, the record store and its forwarding, recent audit entries."""

from app.overview.views import bp

__all__ = ["bp"]
