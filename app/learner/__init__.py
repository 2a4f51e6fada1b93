"""The learner's pages: My learning, the module player, quiz taking and results."""

from __future__ import annotations

from app.learner import drill_views as _drill_views  # noqa: F401 - registers the drill routes on bp
from app.learner.views import bp

__all__ = ["bp"]
