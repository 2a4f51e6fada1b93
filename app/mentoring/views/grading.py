"""The essay grading queue (mentors, for their own mentees' essays)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from app.access import requires
from app.accounts.models import User
from app.database import db
from app.mentoring import bp, content
from app.mentoring import grading as queue_service
from app.mentoring.forms import grade_form, rating_field_name
from app.mentoring.relationships import MentoringError, relationships_of_mentor
from app.mentoring.statements import base_url
from app.mentoring.views.common import current_account


def _my_mentees() -> list[User]:
    relations = relationships_of_mentor(db.session, current_account().id)
    return [u for r in relations if (u := db.session.get(User, r.mentee_id)) is not None]


@bp.get("/grading")
@requires("mentor")
def grading_queue() -> str:
    return render_template("mentoring/grading.html", items=queue_service.queue(db.session, _my_mentees()))


@bp.route("/grading/<id:response_id>", methods=["GET", "POST"])
@requires("mentor")
def grade(response_id: int) -> str | Response | tuple[str, int]:
    """Grade one essay; a refused grade comes back (400) with each message under its field."""
    item = queue_service.find(db.session, response_id, _my_mentees())
    if item is None:
        abort(404)
    names = content.competency_names(db.session)
    form = grade_form(item.competencies, names)
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        return render_template("mentoring/grade.html", item=item, form=form), status
    try:
        queue_service.grade(
            db.session,
            item,
            _ratings(form, item.competencies),
            form.feedback.data or "",  # type: ignore[attr-defined]
            mentor=current_account(),
            base_url=base_url(),
        )
    except MentoringError as error:
        db.session.rollback()
        form.form_errors.append(f"{str(error)[:1].upper()}{str(error)[1:]}.")
        return render_template("mentoring/grade.html", item=item, form=form), 400
    db.session.commit()
    flash(f"Graded {item.learner.name}'s answer.", "info")
    return redirect(url_for("mentoring.grading_queue"))


def _ratings(form: FlaskForm, competencies: list[str]) -> dict[str, int]:
    """The rating per competency; a question naming none is rated on the competency the mentor chose."""
    if not competencies:
        return {form.competency.data: int(form[rating_field_name(None)].data)}  # type: ignore[attr-defined]
    return {c: int(form[rating_field_name(c)].data) for c in competencies}
