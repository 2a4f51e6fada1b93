"""Administration pages that are not about people: the LRS's client credentials."""

from __future__ import annotations

from app.admin import lrs_export  # noqa: F401  (adds the statement export pages to bp)
from app.admin.views import bp

__all__ = ["bp"]
