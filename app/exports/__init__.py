"""Admin downloads of SCORM 1.2, SCORM 2004, cmi5 and xAPI packages of published modules."""

from __future__ import annotations

from app.exports.views import bp

__all__ = ["bp"]
