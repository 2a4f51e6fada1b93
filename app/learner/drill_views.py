"""Drill views: the bookmarkable drill page, starting, answering and the feedback after each answer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import BadRequest, Conflict, NotFound
from werkzeug.wrappers import Response

from app.access import requires
from app.clock import now as utcnow
from app.database import db
from app.learner import drill_progress, drills
from app.learner.responses import PREFIX, RESPONSE_READERS
from app.learner.views import bp, learner
from assessments.attempt_errors import InvalidResponseError
from assessments.practice import DrillRow


@bp.get("/drill")
@requires("learner")
def drill() -> str:
    """The drill page: the next question of the open drill, or a way to start one."""
    who = learner()
    current = drills.current(db.session, who)
    shown = drills.show(db.session, current) if current is not None else None
    summary = drill_progress.summary(db.session, who.uid)
    db.session.commit()
    return render_template("learner/drill.html", shown=shown, summary=summary)


@bp.post("/drill/start")
@requires("learner")
def start_drill() -> Response:
    try:
        drills.start(db.session, learner(), current_user.id)
    except drills.NothingToPractiseError:
        db.session.rollback()
        flash("There is nothing to practise yet. Questions appear here as you work through modules.", "info")
        return redirect(url_for("learner.drill"))
    db.session.commit()
    return redirect(url_for("learner.drill"))


@bp.post("/drill/<id:drill_id>/<id:number>")
@requires("learner")
def answer_drill(drill_id: int, number: int) -> Response:
    who = learner()
    try:
        # Found once for a form: while it is in scope, answering finds it in the session's identity map.
        drill = None if request.is_json else drills.find(db.session, who, drill_id)
        value = _posted_answer(drill, number)
        if value is None:
            flash("Pick an answer, then check it.", "error")
            return redirect(url_for("learner.drill"))
        drills.answer(db.session, who, drill_id, number, value)
        db.session.commit()
    except (drills.AnsweredAlreadyError, IntegrityError):
        # Answered already, or by a second tap racing the first: the first answer stands.
        db.session.rollback()
    except drills.DrillNotFoundError as error:
        raise NotFound(str(error)) from None
    except drills.DrillClosedError as error:
        raise Conflict(str(error)) from None
    except drills.NotInDrillError as error:
        raise BadRequest(str(error)) from None
    return redirect(url_for("learner.drill_feedback", drill_id=drill_id, number=number))


def _posted_answer(drill: DrillRow | None, number: int) -> Any:
    """The answer from the question's form fields (or JSON ``{"response": …}``) in the drill's shown ids."""
    if drill is None:
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or "response" not in body:
            raise InvalidResponseError(str(number), 'send a JSON object {"response": ...}')
        return body["response"]
    if not 1 <= number <= len(drill.items):
        raise drills.NotInDrillError(drill.id, number)
    item = drill.items[number - 1]
    view = drills.public_view(db.session, item)
    for name in request.form:
        if name.startswith(PREFIX) and name[len(PREFIX) :].split(".", 1)[0] != view["id"]:
            raise InvalidResponseError(view["id"], f"unexpected field {name!r}")
    value = RESPONSE_READERS[view["type"]](request.form, view["id"], view)
    return None if value == [] else value


@bp.get("/drill/<id:drill_id>/<id:number>")
@requires("learner")
def drill_feedback(drill_id: int, number: int) -> str:
    who = learner()
    try:
        shown = drills.feedback(db.session, who, drill_id, number)
    except drills.DrillNotFoundError as error:
        raise NotFound(str(error)) from None
    summary = drill_progress.summary(db.session, who.uid) if shown.is_last else None
    db.session.commit()
    return render_template(
        "learner/drill_feedback.html", shown=shown, summary=summary, comes_back=comes_back(shown.due)
    )


def comes_back(due: datetime, now: datetime | None = None) -> str:
    """When a question comes back, for people: "in 10 minutes", "tomorrow", "in 4 days"."""
    seconds = (due - (now or utcnow())).total_seconds()
    minutes, hours, days = seconds / 60, seconds / 3600, seconds / 86_400
    if minutes < 60:
        count = max(1, round(minutes))
        return f"in {count} minute{'s' if count != 1 else ''}"
    if hours < 24:
        count = round(hours)
        return f"in {count} hour{'s' if count != 1 else ''}"
    if days < 1.5:
        return "tomorrow"
    if days < 60:
        return f"in {round(days)} days"
    return f"in {round(days / 30)} months"
