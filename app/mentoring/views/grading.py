"""The essay grading queue (mentors, for their own mentees' essays)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app.access import requires
from app.accounts.models import User
from app.database import db
from app.mentoring import bp, content
from app.mentoring import grading as queue_service
from app.mentoring.relationships import MentoringError, relationships_of_mentor
from app.mentoring.statements import base_url
from app.mentoring.views.common import current_account
from app.routing import parse_number


def _my_mentees() -> list[User]:
    relations = relationships_of_mentor(db.session, current_account().id)
    return [u for r in relations if (u := db.session.get(User, r.mentee_id)) is not None]


@bp.get("/grading")
@requires("mentor")
def grading_queue() -> str:
    return render_template("mentoring/grading.html", items=queue_service.queue(db.session, _my_mentees()))


@bp.route("/grading/<id:response_id>", methods=["GET", "POST"])
@requires("mentor")
def grade(response_id: int) -> str | Response:
    item = queue_service.find(db.session, response_id, _my_mentees())
    if item is None:
        abort(404)
    names = content.competency_names(db.session)
    if request.method == "POST":
        competencies = item.competencies or [request.form.get("competency", "")]
        ratings = {
            c: n for c in competencies if (n := parse_number(request.form.get(f"rating-{c}"))) is not None
        }
        try:
            if not item.competencies and competencies[0] not in names:
                raise MentoringError("choose one of the competencies")
            queue_service.grade(
                db.session,
                item,
                ratings,
                request.form.get("feedback", ""),
                mentor=current_account(),
                base_url=base_url(),
            )
        except MentoringError as error:
            flash(str(error), "error")
            return render_template("mentoring/grade.html", item=item, names=names), 400  # type: ignore[return-value]
        db.session.commit()
        flash(f"Graded {item.learner.name}'s answer.", "info")
        return redirect(url_for("mentoring.grading_queue"))
    return render_template("mentoring/grade.html", item=item, names=names)
