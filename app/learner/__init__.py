"""The learner's pages: My learning, the module player, quiz taking and results."""

from __future__ import annotations

from app.learner.views import bp

__all__ = ["bp"]
