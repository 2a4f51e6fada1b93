"""The mentee's side: my plan (mark done with a reflection), shared notes, notifications."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app.access import requires
from app.accounts.models import User
from app.database import db
from app.mentoring import bp, checkins, content, notes, notifications, plans
from app.mentoring.charts import balance_bars
from app.mentoring.plans import plan_balance
from app.mentoring.progress import statuses
from app.mentoring.relationships import MentoringError, relationships_of_mentee
from app.mentoring.views.common import current_account, followup_as_mentee, my_relationship_as_mentee, today


@bp.get("/my-plan")
@requires()
def my_plan() -> str:
    me = current_account()
    relations = relationships_of_mentee(db.session, me.id)
    mentors = {r.id: db.session.get(User, r.mentor_id) for r in relations}
    framework = content.framework(db.session)
    balances = {r.id: plan_balance(r.followups) for r in relations}
    return render_template(
        "mentoring/my_plan.html",
        relations=relations,
        mentors=mentors,
        balances=balances,
        bars={rid: balance_bars(b) for rid, b in balances.items()},
        notes={r.id: notes.visible_notes(db.session, r, me) for r in relations},
        next_checkins={r.id: checkins.next_checkin(r) for r in relations},
        statuses=statuses(db.session, [me], framework)[me.id],
        today=today(),
        is_overdue=plans.is_overdue,
        names=content.competency_names(db.session),
    )


@bp.post("/my-plan/followups/<int:followup_id>/done")
@requires()
def mark_done(followup_id: int) -> Response:
    followup, _relation, mentor = followup_as_mentee(followup_id)
    try:
        plans.submit(
            db.session, followup, request.form.get("reflection", ""), mentee=current_account(), mentor=mentor
        )
    except MentoringError as error:
        flash(str(error), "error")
        return redirect(url_for("mentoring.my_plan"))
    db.session.commit()
    flash(f"Marked “{followup.title}” done: your mentor will confirm it.", "info")
    return redirect(url_for("mentoring.my_plan"))


@bp.post("/my-plan/<int:relation_id>/notes")
@requires()
def add_shared_note(relation_id: int) -> Response:
    """A mentee's note is always shared with their mentor."""
    relation = my_relationship_as_mentee(relation_id)
    try:
        notes.add_note(db.session, relation, current_account(), request.form.get("body", ""), is_shared=True)
    except MentoringError as error:
        flash(str(error), "error")
        return redirect(url_for("mentoring.my_plan"))
    db.session.commit()
    return redirect(url_for("mentoring.my_plan"))


@bp.get("/notifications")
@requires()
def inbox() -> str:
    me = current_account()
    return render_template(
        "mentoring/notifications.html",
        items=notifications.recent(db.session, me.id),
        kinds=notifications.KINDS,
    )


@bp.post("/notifications/read")
@requires()
def mark_read() -> Response:
    notifications.mark_read(db.session, current_account().id)
    db.session.commit()
    return redirect(url_for("mentoring.inbox"))
