"""Relationships admin for admins and leads: enrol mentors and mentees, suggested matches, pairing.

Leads manage mentees of their own team; admins everyone.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from app.access import requires
from app.accounts.models import User
from app.database import db
from app.mentoring import bp, content, relationships
from app.mentoring.forms import MentorEnrolmentForm, PairForm
from app.mentoring.progress import statuses, weak_competencies
from app.mentoring.relationships import MentoringError
from app.mentoring.views.common import current_account
from app.routing import parse_number


def _scope_team() -> int | None:
    """Admins see everyone (None); a lead only their own team."""
    me = current_account()
    return None if me.has_role("admin") else (me.team_id if me.team_id is not None else -1)


def _person(user_id: str | None, *, mentee: bool = False) -> User:
    number = parse_number(user_id)
    person = db.session.get(User, number) if number is not None else None
    scope = _scope_team()
    if person is None or (mentee and scope is not None and person.team_id != scope):
        abort(404)
    return person


@bp.get("/relationships")
@requires("admin", "lead")
def relationships_admin() -> str:
    return _admin_page(request.args.get("mentee"))


def _admin_page(mentee_id: str | None, forms: dict[str, FlaskForm] | None = None) -> str:
    """The relationships page; ``forms`` are refused forms (``mentor``, ``pair``) with their messages."""
    scope = _scope_team()
    mentees = relationships.users_with_role(db.session, "learner", team_id=scope)
    mentors = relationships.users_with_role(db.session, "mentor")
    enrolled = {
        (e.user_id, e.role): e
        for role in ("mentor", "mentee")
        for e in relationships.enrolments(db.session, role)
    }
    suggestions, chosen = [], None
    if mentee_id:
        chosen = _person(mentee_id, mentee=True)
        weak = weak_competencies(statuses(db.session, [chosen], content.framework(db.session))[chosen.id])
        suggestions = relationships.suggest_mentors(db.session, chosen, weak)
    people = {u.id: u for u in [*mentees, *mentors]}
    relations = relationships.all_relationships(db.session, team_id=scope)
    for relation in relations:
        for uid in (relation.mentor_id, relation.mentee_id):
            if uid not in people and (user := db.session.get(User, uid)):
                people[uid] = user
    return render_template(
        "mentoring/relationships.html",
        mentees=mentees,
        mentors=mentors,
        enrolled=enrolled,
        relations=relations,
        people=people,
        suggestions=suggestions,
        chosen=chosen,
        competencies=content.framework(db.session).competencies,
        counts={m.id: relationships.mentee_count(db.session, m.id) for m in mentors},
        forms=forms or {},
    )


@bp.post("/relationships/mentors")
@requires("admin", "lead")
def enrol_mentor() -> Response | tuple[str, int]:
    person = _person(request.form.get("user"))
    form = MentorEnrolmentForm()
    form.strengths.choices = [c.id for c in content.framework(db.session).competencies]
    if not form.validate_on_submit():
        return _admin_page(None, {"mentor": form}), 400
    try:
        if not person.has_role("mentor"):
            raise MentoringError(f"{person.name} does not have the mentor role")
        relationships.enrol_mentor(
            db.session, person, capacity=form.capacity.data or 0, strengths=form.strengths.data or []
        )
    except MentoringError as error:
        flash(str(error), "error")
        return redirect(url_for("mentoring.relationships_admin"))
    db.session.commit()
    flash(f"{person.name} is enrolled as a mentor.", "info")
    return redirect(url_for("mentoring.relationships_admin"))


@bp.post("/relationships/mentees")
@requires("admin", "lead")
def enrol_mentee() -> Response:
    person = _person(request.form.get("user"), mentee=True)
    relationships.enrol_mentee(db.session, person)
    db.session.commit()
    flash(f"{person.name} is enrolled as a mentee.", "info")
    return redirect(url_for("mentoring.relationships_admin", mentee=person.id))


@bp.post("/relationships")
@requires("admin", "lead")
def pair() -> Response | tuple[str, int]:
    mentee = _person(request.form.get("mentee"), mentee=True)
    mentor = _person(request.form.get("mentor"))
    form = PairForm()
    if not form.validate_on_submit():
        return _admin_page(str(mentee.id), {"pair": form}), 400
    try:
        relationships.match(
            db.session, mentor, mentee, cadence=form.cadence.data or "", minutes=form.minutes.data or 0
        )
    except MentoringError as error:
        flash(str(error), "error")
        return redirect(url_for("mentoring.relationships_admin", mentee=mentee.id))
    db.session.commit()
    flash(f"{mentor.name} now mentors {mentee.name}.", "info")
    return redirect(url_for("mentoring.relationships_admin"))


@bp.post("/relationships/<id:relation_id>/end")
@requires("admin", "lead")
def end(relation_id: int) -> Response:
    scope = _scope_team()
    relation = next(
        (r for r in relationships.all_relationships(db.session, team_id=scope) if r.id == relation_id), None
    )
    if relation is None:
        abort(404)
    relationships.end_relationship(db.session, relation)
    db.session.commit()
    flash("The relationship has ended; its plan and history are kept.", "info")
    return redirect(url_for("mentoring.relationships_admin"))
