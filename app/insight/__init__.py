"""Insight: the lead's team dashboard and the authors' item analysis of quizzes."""

from __future__ import annotations

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

bp = Blueprint("insight", __name__, url_prefix="/insight")


def _plug_in(_state: BlueprintSetupState) -> None:
    from app import erasure
    from app.insight.assigning import erase_assignments, person_assignments
    from app.learner.assignments import ASSIGNMENT_PROVIDERS

    ASSIGNMENT_PROVIDERS["team-lead"] = person_assignments
    if erase_assignments not in erasure.ERASERS:
        erasure.ERASERS.append(erase_assignments)


bp.record(_plug_in)

from app.insight import team_views, views  # noqa: E402,F401  (registers the routes on bp)
