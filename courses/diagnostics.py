"""Diagnostics of the content build (defined in ``assessments.diagnostics``, which the quiz format shares)."""

from __future__ import annotations

from assessments.diagnostics import ERROR, WARNING, Diagnostic, Diagnostics, did_you_mean, sort_key

__all__ = ["ERROR", "WARNING", "Diagnostic", "Diagnostics", "did_you_mean", "sort_key"]
