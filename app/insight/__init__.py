"""Insight: the lead's team dashboard and the authors' item analysis of quizzes.

Registering the blueprint also hooks the answer table into statement storage (``app.insight.answers``)
and adds the erasers of what insight keeps about a person.
"""

from __future__ import annotations

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

bp = Blueprint("insight", __name__, url_prefix="/insight")


def _plug_in(_state: BlueprintSetupState) -> None:
    from app import erasure
    from app.insight.answers import erase_person_answers, on_stored
    from app.insight.assigning import erase_assignments, person_assignments
    from app.learner.assignments import ASSIGNMENT_PROVIDERS
    from learning_record_store import hooks

    hooks.register(on_stored)
    ASSIGNMENT_PROVIDERS["team-lead"] = person_assignments
    for eraser in (erase_assignments, erase_person_answers):
        if eraser not in erasure.ERASERS:
            erasure.ERASERS.append(eraser)


bp.record(_plug_in)

from app.insight import team_views, views  # noqa: E402,F401  (registers the routes on bp)
