"""Insight: the lead's team dashboard and the authors' item analysis of quizzes."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("insight", __name__, url_prefix="/insight")

from app.insight import views  # noqa: E402,F401  (registers the routes on bp)
