"""Plans, as the mentor edits them: proposal, own items, confirm or send back, goals, notes, check-ins."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC

from flask import Response as FlaskResponse
from flask import flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import Form

from app.access import requires
from app.accounts.models import User
from app.database import db
from app.mentoring import bp, checkins, content, notes, plans
from app.mentoring.forms import (
    AssignForm,
    CheckinForm,
    ConfirmForm,
    GoalForm,
    NoteForm,
    OwnFollowUpForm,
    SendBackForm,
    activity_form,
)
from app.mentoring.models import Relationship
from app.mentoring.plans import DuplicateFollowUpError, NewFollowUp
from app.mentoring.progress import statuses, weak_competencies
from app.mentoring.relationships import MentoringError
from app.mentoring.views.common import current_account, followup_as_mentor, my_mentee, today
from app.mentoring.views.desk import mentee_page
from courses.playbook import Kind


def _back(mentee_id: int) -> Response:
    return redirect(url_for("mentoring.mentee", mentee_id=mentee_id))


def _refused(relation: Relationship, person: User, name: str, form: FlaskForm) -> tuple[str, int]:
    """Show the mentee page again with the refused form's messages at its fields; nothing is saved."""
    db.session.rollback()
    return mentee_page(relation, person, {name: form}), 400


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
    return _propose_page(relation, person)


def _propose_page(
    relation: Relationship,
    person: User,
    assign_form: AssignForm | None = None,
    own_form: Form | None = None,
    activity_forms: dict[str, Form] | None = None,
) -> str:
    """The proposal page; after a refused submission, with each message at its field."""
    framework = content.framework(db.session)
    weak = weak_competencies(statuses(db.session, [person], framework)[person.id])
    playbook = content.playbook(db.session)
    proposed = plans.proposal(db.session, relation, playbook, weak)
    chosen = {a.id for a in proposed}
    others = [a for c in weak for a in playbook.for_competency(c) if a.id not in chosen]
    shown = chosen | {a.id for a in others}
    # A refused submission shows every activity it ticked, with its messages, even one not proposed.
    others += [a for a in playbook.activities if a.id in (activity_forms or {}) and a.id not in shown]
    return render_template(
        "mentoring/propose.html",
        mentee=person,
        proposed=proposed,
        others=others,
        weak=weak,
        names=content.competency_names(db.session),
        competencies=framework.competencies,
        kinds=list(Kind),
        assign_form=assign_form,
        own_form=own_form,
        activity_forms=activity_forms or {},
        ticked=set(assign_form.activity.data or []) if assign_form else None,
    )


@bp.post("/mentees/<id:mentee_id>/plan")
@requires("mentor")
def assign(mentee_id: int) -> Response | tuple[str, int]:
    """Assign the ticked playbook activities (with their efforts and due dates) and the mentor's own item."""
    relation, person = my_mentee(mentee_id)
    playbook = content.playbook(db.session)
    form = AssignForm()
    form.activity.choices = [a.id for a in playbook.activities]
    own = OwnFollowUpForm(request.form)
    own.competency.choices = [c.id for c in content.framework(db.session).competencies]
    ticked = {
        activity_id: activity_form(activity_id)(request.form)
        for activity_id in request.form.getlist("activity")
    }
    is_valid = form.validate_on_submit()
    is_valid = own.validate() and is_valid
    is_valid = all([f.validate() for f in ticked.values()]) and is_valid
    if is_valid:
        items = [
            replace(
                NewFollowUp.from_activity(activity, ticked[activity.id].due.data),  # type: ignore[attr-defined]
                effort_minutes=ticked[activity.id].effort.data,  # type: ignore[attr-defined]
            )
            for activity in playbook.activities
            if activity.id in ticked
        ]
        if (own.title.data or "").strip():
            items.append(_own_item(own))
        try:
            if not items:
                raise MentoringError("Tick at least one follow-up or write your own.")
            plans.assign(db.session, relation, items, mentor=current_account(), mentee=person)
        except DuplicateFollowUpError as error:
            field = form.activity if error.item.activity_id else own.title
            field.errors = [*field.errors, f"{str(error)[0].upper()}{str(error)[1:]}."]
        except MentoringError as error:
            form.form_errors.append(f"{str(error)[0].upper()}{str(error)[1:]}")
        else:
            db.session.commit()
            flash(f"Assigned {len(items)} follow-up{'s' if len(items) > 1 else ''} to {person.name}.", "info")
            return _back(mentee_id)
    db.session.rollback()
    return _propose_page(relation, person, form, own, ticked), 400


def _own_item(own: OwnFollowUpForm) -> NewFollowUp:
    return NewFollowUp(
        competency_id=own.competency.data or "",
        kind=Kind(own.kind.data),
        title=(own.title.data or "").strip(),
        effort_minutes=own.effort.data or 0,
        completes=(own.completes.data or "").strip(),
        instructions=(own.instructions.data or "").strip(),
        module_id=(own.module.data or "").strip() or None,
        due_date=own.due.data,
    )


@bp.post("/followups/<id:followup_id>/confirm")
@requires("mentor")
def confirm(followup_id: int) -> Response | tuple[str, int]:
    followup, relation, person = followup_as_mentor(followup_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _refused(relation, person, f"confirm-{followup.id}", form)
    return _change(
        person.id,
        lambda: plans.confirm(
            db.session,
            followup,
            rating=int(form.rating.data or 0),
            feedback=form.feedback.data or "",
            mentor=current_account(),
            mentee=person,
        ),
        done=f"Confirmed “{followup.title}”.",
    )


@bp.post("/followups/<id:followup_id>/return")
@requires("mentor")
def send_back(followup_id: int) -> Response | tuple[str, int]:
    followup, relation, person = followup_as_mentor(followup_id)
    form = SendBackForm()
    if not form.validate_on_submit():
        return _refused(relation, person, f"return-{followup.id}", form)
    return _change(
        person.id,
        lambda: plans.send_back(
            db.session,
            followup,
            feedback=form.feedback.data or "",
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
def add_goal(mentee_id: int) -> Response | tuple[str, int]:
    relation, person = my_mentee(mentee_id)
    form = GoalForm()
    if not form.validate_on_submit():
        return _refused(relation, person, "goal", form)
    return _change(
        mentee_id, lambda: plans.add_goal(db.session, relation, form.text.data or "", form.target.data)
    )


@bp.post("/mentees/<id:mentee_id>/notes")
@requires("mentor")
def add_note(mentee_id: int) -> Response | tuple[str, int]:
    relation, person = my_mentee(mentee_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _refused(relation, person, "note", form)
    return _change(
        mentee_id,
        lambda: notes.add_note(
            db.session,
            relation,
            current_account(),
            form.body.data or "",
            is_shared=form.visibility.data == "shared",
        ),
    )


@bp.post("/mentees/<id:mentee_id>/checkin")
@requires("mentor")
def schedule(mentee_id: int) -> Response | tuple[str, int]:
    """Change the cadence, length or next date of the check-ins."""
    relation, person = my_mentee(mentee_id)
    form = CheckinForm()
    if not form.validate_on_submit():
        return _refused(relation, person, "checkin", form)
    relation.cadence, relation.checkin_minutes = form.cadence.data, form.minutes.data
    if form.next.data is not None:
        relation.next_checkin_at = form.next.data.replace(tzinfo=UTC)
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
