"""Plans, as the mentor edits them: proposal, own items, confirm or send back, goals, notes, check-ins."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from flask import Response as FlaskResponse
from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app.access import requires
from app.database import db
from app.mentoring import bp, checkins, content, notes, plans
from app.mentoring.plans import NewFollowUp
from app.mentoring.progress import statuses, weak_competencies
from app.mentoring.relationships import MentoringError
from app.mentoring.views.common import current_account, followup_as_mentor, my_mentee, parse_date, today
from app.routing import parse_number
from courses.playbook import Kind


def _back(mentee_id: int) -> Response:
    return redirect(url_for("mentoring.mentee", mentee_id=mentee_id))


def _change(mentee_id: int, change: Callable[[], object], done: str = "") -> Response:
    """Make one change to the mentee's plan and commit it, or flash why it was refused and save nothing."""
    try:
        change()
    except MentoringError as error:
        flash(str(error), "error")
        return _back(mentee_id)
    db.session.commit()
    if done:
        flash(done, "info")
    return _back(mentee_id)


@bp.get("/mentees/<id:mentee_id>/plan/propose")
@requires("mentor")
def propose(mentee_id: int) -> str:
    relation, person = my_mentee(mentee_id)
    framework = content.framework(db.session)
    weak = weak_competencies(statuses(db.session, [person], framework)[person.id])
    playbook = content.playbook(db.session)
    proposed = plans.proposal(db.session, relation, playbook, weak)
    chosen = {a.id for a in proposed}
    others = [a for c in weak for a in playbook.for_competency(c) if a.id not in chosen]
    return render_template(
        "mentoring/propose.html",
        mentee=person,
        proposed=proposed,
        others=others,
        weak=weak,
        names=content.competency_names(db.session),
        competencies=framework.competencies,
        kinds=list(Kind),
    )


@bp.post("/mentees/<id:mentee_id>/plan")
@requires("mentor")
def assign(mentee_id: int) -> Response:
    """Assign the ticked playbook activities (with their due dates) and the mentor's own item, if any."""
    relation, person = my_mentee(mentee_id)
    playbook = content.playbook(db.session)
    items = []
    for activity_id in request.form.getlist("activity"):
        activity = playbook.get(activity_id)
        if activity is not None:
            item = NewFollowUp.from_activity(activity, parse_date(request.form.get(f"due-{activity_id}")))
            effort = request.form.get(f"effort-{activity_id}", "")
            if minutes := parse_number(effort):
                item = replace(item, effort_minutes=minutes)
            items.append(item)
    try:
        own = _own_item()
        if own is not None:
            items.append(own)
        if not items:
            raise MentoringError("tick at least one follow-up or write your own")
        plans.assign(db.session, relation, items, mentor=current_account(), mentee=person)
    except MentoringError as error:
        flash(str(error), "error")
        return redirect(url_for("mentoring.propose", mentee_id=mentee_id))
    db.session.commit()
    flash(f"Assigned {len(items)} follow-up{'s' if len(items) > 1 else ''} to {person.name}.", "info")
    return _back(mentee_id)


def _own_item() -> NewFollowUp | None:
    title = request.form.get("own-title", "").strip()
    if not title:
        return None
    kind_text = request.form.get("own-kind", "")
    effort = request.form.get("own-effort", "")
    effort_minutes = parse_number(effort)
    if kind_text not in {k.value for k in Kind} or effort_minutes is None:
        raise MentoringError("your own follow-up needs a kind and an effort in minutes")
    return NewFollowUp(
        competency_id=request.form.get("own-competency", ""),
        kind=Kind(kind_text),
        title=title,
        effort_minutes=effort_minutes,
        completes=request.form.get("own-completes", "").strip(),
        instructions=request.form.get("own-instructions", "").strip(),
        module_id=request.form.get("own-module", "").strip() or None,
        due_date=parse_date(request.form.get("own-due")),
    )


@bp.post("/followups/<id:followup_id>/confirm")
@requires("mentor")
def confirm(followup_id: int) -> Response:
    followup, _relation, person = followup_as_mentor(followup_id)
    rating = request.form.get("rating", "")
    return _change(
        person.id,
        lambda: plans.confirm(
            db.session,
            followup,
            rating=parse_number(rating) or 0,
            feedback=request.form.get("feedback", ""),
            mentor=current_account(),
            mentee=person,
        ),
        done=f"Confirmed “{followup.title}”.",
    )


@bp.post("/followups/<id:followup_id>/return")
@requires("mentor")
def send_back(followup_id: int) -> Response:
    followup, _relation, person = followup_as_mentor(followup_id)
    return _change(
        person.id,
        lambda: plans.send_back(
            db.session,
            followup,
            feedback=request.form.get("feedback", ""),
            mentor=current_account(),
            mentee=person,
        ),
        done=f"Sent “{followup.title}” back to {person.name}.",
    )


@bp.post("/followups/<id:followup_id>/remove")
@requires("mentor")
def remove(followup_id: int) -> Response:
    followup, _relation, person = followup_as_mentor(followup_id)
    return _change(person.id, lambda: plans.remove(db.session, followup))


@bp.post("/mentees/<id:mentee_id>/goals")
@requires("mentor")
def add_goal(mentee_id: int) -> Response:
    relation, _person = my_mentee(mentee_id)
    return _change(
        mentee_id,
        lambda: plans.add_goal(
            db.session, relation, request.form.get("text", ""), parse_date(request.form.get("target"))
        ),
    )


@bp.post("/mentees/<id:mentee_id>/notes")
@requires("mentor")
def add_note(mentee_id: int) -> Response:
    relation, _person = my_mentee(mentee_id)
    return _change(
        mentee_id,
        lambda: notes.add_note(
            db.session,
            relation,
            current_account(),
            request.form.get("body", ""),
            is_shared=request.form.get("visibility") == "shared",
        ),
    )


@bp.post("/mentees/<id:mentee_id>/checkin")
@requires("mentor")
def schedule(mentee_id: int) -> Response:
    """Change the cadence, length or next date of the check-ins."""
    relation, _person = my_mentee(mentee_id)
    cadence, minutes = request.form.get("cadence", ""), request.form.get("minutes", "")
    when = request.form.get("next", "")
    length = parse_number(minutes)
    if cadence not in checkins.RRULES or length is None or not 30 <= length <= 60:
        flash("choose a cadence and a length between 30 and 60 minutes", "error")
        return _back(mentee_id)
    relation.cadence, relation.checkin_minutes = cadence, length
    if when:
        try:
            relation.next_checkin_at = datetime.fromisoformat(when).replace(tzinfo=UTC)
        except ValueError:
            flash("the next check-in needs a date and time", "error")
            return _back(mentee_id)
    db.session.commit()
    return _back(mentee_id)


@bp.get("/mentees/<id:mentee_id>/checkin.ics")
@requires("mentor")
def checkin_ics(mentee_id: int) -> FlaskResponse:
    relation, person = my_mentee(mentee_id)
    rows = statuses(db.session, [person], content.framework(db.session))[person.id]
    agenda = checkins.build_agenda(list(relation.followups), rows, today=today(), since=relation.created_at)
    body = checkins.icalendar(
        relation,
        current_account(),
        person,
        agenda,
        start=checkins.next_checkin(relation),
        host=request.host.split(":")[0] or "elearn",
    )
    return FlaskResponse(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="checkin-{person.id}.ics"'},
    )
