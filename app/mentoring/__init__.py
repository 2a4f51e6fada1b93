"""Mentoring: the mentor's desk, mentee pages, 70:20:10 plans, notes, check-ins, grading and team views.

Registering the blueprint also plugs mentoring into the rest of the app: the record store's ingest hook
(mastery and education follow-ups), the "assigned modules" providers of My learning, the demo data and
the erasure of a person's data.
"""

from __future__ import annotations

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

bp = Blueprint("mentoring", __name__, url_prefix="/mentoring")


def _plug_in(_state: BlueprintSetupState) -> None:
    from app import demo, erasure
    from app.learner.assignments import ASSIGNMENT_PROVIDERS
    from app.mentoring.demo import pair_demo_people
    from app.mentoring.erasure import erase_mentoring
    from app.mentoring.ingest import on_stored
    from app.mentoring.provider import plan_assignments
    from learning_record_store import hooks

    hooks.register(on_stored)
    ASSIGNMENT_PROVIDERS["mentor-plan"] = plan_assignments
    if pair_demo_people not in demo.DEMO_HOOKS:
        demo.DEMO_HOOKS.append(pair_demo_people)
    if erase_mentoring not in erasure.ERASERS:
        erasure.ERASERS.insert(0, erase_mentoring)  # before the account is anonymised


bp.record_once(_plug_in)

from app.mentoring.views import admin, desk, grading, me, plan, team  # noqa: E402, F401  (routes)
