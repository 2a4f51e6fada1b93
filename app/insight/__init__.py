"""Insight: the lead's team dashboard and the authors' item analysis of quizzes."""

from __future__ import annotations

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

bp = Blueprint("insight", __name__, url_prefix="/insight")


def _plug_in(_state: BlueprintSetupState) -> None:
    from app.insight.assigning import person_assignments
    from app.learner.assignments import ASSIGNMENT_PROVIDERS

    ASSIGNMENT_PROVIDERS["team-lead"] = person_assignments


bp.record(_plug_in)

from app.insight import team_views, views  # noqa: E402,F401  (registers the routes on bp)
