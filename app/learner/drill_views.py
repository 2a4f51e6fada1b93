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
from app.learner.responses import PREFIX, RESPONSE_READERS, fix_message, nothing_given
from app.learner.views import bp, learner
from assessments.attempt_errors import InvalidResponseError


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
def answer_drill(drill_id: int, number: int) -> Response | tuple[str, int]:
    """Answer the drill's current question: its form fields, or JSON ``{"response": …}`` in shown ids.

    A form the question cannot take (nothing picked, steps without a position) shows the question again
    (422) with the message at the question, as a knowledge check does.
    """
    who = learner()
    try:
        if request.is_json:
            drills.answer(db.session, who, drill_id, number, _posted_json(number))
        else:
            _answer_form(drill_id, number)
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
    except InvalidResponseError as error:
        if request.is_json:
            raise
        return _refused(drill_id, number, error.message), 422
    return redirect(url_for("learner.drill_feedback", drill_id=drill_id, number=number))


def _posted_json(number: int) -> Any:
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or "response" not in body:
        raise InvalidResponseError(str(number), 'send a JSON object {"response": ...}')
    return body["response"]


def _answer_form(drill_id: int, number: int) -> None:
    """Answer from the question's form fields; a refusal says what to fix, in the learner's words."""
    who = learner()
    drill = drills.find(db.session, who, drill_id)
    if not 1 <= number <= len(drill.items):
        raise drills.NotInDrillError(drill_id, number)
    view = drills.public_view(db.session, drill.items[number - 1])
    question_id, kind = view["id"], view["type"]
    for name in request.form:
        if name.startswith(PREFIX) and name[len(PREFIX) :].split(".", 1)[0] != question_id:
            raise InvalidResponseError(question_id, f"Unexpected field {name!r}.")
    value = RESPONSE_READERS[kind](request.form, question_id, view)
    if value is None or value == []:
        raise InvalidResponseError(question_id, nothing_given(kind))
    try:
        drills.answer(db.session, who, drill_id, number, value)
    except InvalidResponseError as error:
        raise InvalidResponseError(question_id, fix_message(kind, error.message)) from None


def _refused(drill_id: int, number: int, message: str) -> str:
    """The question again (its answer time still running), with the message at it."""
    db.session.rollback()
    who = learner()
    shown = drills.question_again(db.session, drills.find(db.session, who, drill_id), number)
    summary = drill_progress.summary(db.session, who.uid)
    return render_template("learner/drill.html", shown=shown, summary=summary, problem=message)


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
