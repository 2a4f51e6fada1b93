"""xAPI statements of mentoring (see docs/xapi.md): assignments, completions, confirmations, grades.

Every statement names the learner as actor, because it belongs to the learner's record; the mentor who
assigned, confirmed or graded is ``context.instructor``. Statements with a result score carry the
competency extension and so count as mastery evidence through the record store's ingest hook.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import current_app, has_request_context, request
from sqlalchemy.orm import Session

import learning_record_store
from app import clock
from app.accounts.models import User
from app.mentoring.models import FollowUp
from learning_record_store.vocabulary import ADL_VERBS, ELEARN, ActivityType, Extension, Verb, verb_display

RETURNED = ELEARN + "verbs/returned"
SCORED = ADL_VERBS + "scored"
KIND_CATEGORY = ELEARN + "activities/follow-up-kinds/"  # + experience | exposure | education
RATING_MAX = 4


def base_url() -> str:
    configured = current_app.config.get("BASE_URL")
    if configured:
        return str(configured).rstrip("/")
    return request.host_url.rstrip("/") if has_request_context() else "http://localhost"


def agent(user: User) -> dict[str, Any]:
    return {"objectType": "Agent", "name": user.name, "account": {"homePage": base_url(), "name": user.uid}}


def _statement(
    verb: str,
    learner: User,
    mentor: User,
    obj: dict[str, Any],
    competencies: list[dict[str, Any]],
    *,
    result: dict[str, Any] | None = None,
    category: str | None = None,
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "instructor": agent(mentor),
        "extensions": {Extension.COMPETENCIES: competencies},
    }
    if category:
        context["contextActivities"] = {"category": [{"id": category, "objectType": "Activity"}]}
    statement = {
        "id": str(uuid.uuid4()),
        "actor": agent(learner),
        "verb": {"id": verb, "display": verb_display(verb)},
        "object": obj,
        "context": context,
        "timestamp": clock.now().isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }
    if result is not None:
        statement["result"] = result
    return statement


def _followup_object(followup: FollowUp) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": f"{base_url()}/xapi/activities/follow-ups/{followup.id}",
        "definition": {"type": ActivityType.FOLLOW_UP, "name": {"en-US": followup.title[:200]}},
    }


def followup_statement(verb: str, followup: FollowUp, learner: User, mentor: User) -> dict[str, Any]:
    """Build the statement of an assignment, completion, confirmation or return of a follow-up."""
    result = _RESULTS[verb](followup)
    return _statement(
        verb,
        learner,
        mentor,
        _followup_object(followup),
        [{"id": followup.competency_id, "weight": 1}],
        result=result,
        category=KIND_CATEGORY + followup.kind,
    )


def _completed(followup: FollowUp) -> dict[str, Any]:
    return {"completion": True, "response": followup.reflection[:2000]}


def _confirmed(followup: FollowUp) -> dict[str, Any]:
    rating = followup.rating or RATING_MAX
    result: dict[str, Any] = {
        "completion": True,
        "success": True,
        "score": {
            "raw": rating,
            "min": 1,
            "max": RATING_MAX,
            "scaled": round((rating - 1) / (RATING_MAX - 1), 4),
        },
    }
    if followup.mentor_feedback:
        result["extensions"] = {Extension.MENTOR_NOTE: followup.mentor_feedback[:2000]}
    return result


def _returned(followup: FollowUp) -> dict[str, Any]:
    return {"completion": False, "extensions": {Extension.MENTOR_NOTE: followup.mentor_feedback[:2000]}}


_RESULTS = {
    Verb.ASSIGNED: lambda _f: None,
    Verb.COMPLETED: _completed,
    Verb.CONFIRMED: _confirmed,
    RETURNED: _returned,
}


def grade_statement(
    learner: User,
    mentor: User,
    question_iri: str,
    question_title: str,
    competency_id: str,
    rating: int,
    feedback: str,
) -> dict[str, Any]:
    """Build the statement of a mentor's rating (1-4) of an essay answer for one competency."""
    obj = {
        "objectType": "Activity",
        "id": question_iri,
        "definition": {"type": ActivityType.INTERACTION, "name": {"en-US": question_title[:200]}},
    }
    result = {
        "score": {
            "raw": rating,
            "min": 1,
            "max": RATING_MAX,
            "scaled": round((rating - 1) / (RATING_MAX - 1), 4),
        },
        "response": feedback[:2000],
    }
    return _statement(SCORED, learner, mentor, obj, [{"id": competency_id, "weight": 1}], result=result)


def record(session: Session, statements: list[dict[str, Any]]) -> None:
    """Store statements in the caller's transaction (the ingest hook turns them into evidence)."""
    learning_record_store.record_statements(session, statements)
