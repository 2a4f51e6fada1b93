"""Admin pages for people. Every change is written to the audit log in the same transaction."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from app.access import requires
from app.accounts import (
    AccountError,
    User,
    WeakPasswordError,
    audit,
    create_user,
    get_or_create_team,
    throttle,
)
from app.accounts.passwords import check_password_strength, hash_password
from app.database import db
from app.erasure import erase_person
from app.people.forms import EditUserForm, EraseForm, PasswordResetForm, UnlockForm, UserForm

bp = Blueprint("people", __name__, url_prefix="/admin/users")


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404, f"There is no user {user_id}.")
    return user


@bp.get("/")
@requires("admin")
def index() -> str:
    users = db.session.scalars(select(User).options(selectinload(User.team)).order_by(User.name)).all()
    return render_template("people/index.html", users=users, form=UserForm())


@bp.post("/")
@requires("admin")
def create() -> Response | tuple[str, int]:
    form = UserForm()
    if form.validate_on_submit():
        try:
            user = create_user(
                db.session,
                email=form.email.data or "",
                name=form.name.data or "",
                password=form.password.data or "",
                roles=form.roles.data or [],
                team=form.team.data or None,
            )
        except WeakPasswordError as error:
            form.password.errors = [*form.password.errors, f"{str(error).capitalize()}."]
        except AccountError as error:
            field = form[error.field]
            field.errors = [*field.errors, f"{str(error).capitalize()}."]
        else:
            audit.record(
                db.session,
                actor=current_user.email,
                action="user.create",
                target=user.email,
                roles=sorted(user.roles),
            )
            db.session.commit()
            flash(f"Created {user.email}.", "info")
            return redirect(url_for("people.index"))
    users = db.session.scalars(select(User).order_by(User.name)).all()
    return render_template("people/index.html", users=users, form=form), 400


@bp.route("/<id:user_id>", methods=["GET", "POST"])
@requires("admin")
def edit(user_id: int) -> Response | tuple[str, int] | str:
    user = _user_or_404(user_id)
    form = _edit_form(user)
    if form.validate_on_submit():
        before = sorted(user.roles)
        user.name = form.name.data or user.name
        user.set_roles(form.roles.data or [])
        user.team = get_or_create_team(db.session, form.team.data) if form.team.data else None
        audit.record(
            db.session,
            actor=current_user.email,
            action="user.update",
            target=user.email,
            roles_before=before,
            roles_after=sorted(form.roles.data or []),
            team=form.team.data or "",
        )
        db.session.commit()
        flash(f"Saved {user.email}.", "info")
        return redirect(url_for("people.edit", user_id=user.id))
    status = 400 if form.errors else 200
    return _edit_page(user, form=form), status


def _edit_form(user: User) -> EditUserForm:
    # Plain values, not obj=user: from the object, a POST without a team field would read the Team row.
    return EditUserForm(name=user.name, roles=sorted(user.roles), team=user.team.name if user.team else "")


def _edit_page(user: User, **forms: object) -> str:
    forms = {
        "form": _edit_form(user),
        "reset_form": PasswordResetForm(),
        "unlock_form": UnlockForm(),
        "erase_form": EraseForm(),
        **forms,
    }
    waiting = throttle.throttled_pairs(db.session, user.email)
    return render_template("people/edit.html", user=user, throttled=waiting, **forms)


@bp.post("/<id:user_id>/password")
@requires("admin")
def reset_password(user_id: int) -> Response | tuple[str, int]:
    user = _user_or_404(user_id)
    form = PasswordResetForm()
    if form.validate_on_submit():
        try:
            check_password_strength(form.password.data or "", email=user.email)
        except WeakPasswordError as error:
            form.password.errors = [*form.password.errors, f"{str(error).capitalize()}."]
    if form.errors:
        return _edit_page(user, reset_form=form), 400
    user.password_hash = hash_password(form.password.data or "")
    _lift_waits(user, "user.password_reset")
    db.session.commit()
    flash(f"New password set for {user.email}. Tell them through a channel you trust.", "info")
    return redirect(url_for("people.edit", user_id=user.id))


@bp.post("/<id:user_id>/unlock")
@requires("admin")
def unlock(user_id: int) -> Response:
    """Lift every sign-in wait of this person, from every address."""
    user = _user_or_404(user_id)
    if not UnlockForm().validate_on_submit():
        abort(400, "The form expired. Reload the page and try again.")
    _lift_waits(user, "user.unlock")
    db.session.commit()
    flash(f"{user.name} can sign in again without waiting.", "info")
    return redirect(url_for("people.edit", user_id=user.id))


def _lift_waits(user: User, action: str) -> None:
    """Lift every sign-in wait of ``user`` and audit ``action`` with how many were lifted."""
    released = throttle.unlock(db.session, user.email)
    audit.record(
        db.session, actor=current_user.email, action=action, target=user.email, unlocked_addresses=released
    )


@bp.post("/<id:user_id>/erase")
@requires("admin")
def erase(user_id: int) -> Response:
    user = _user_or_404(user_id)
    form = EraseForm()
    if not form.validate_on_submit() or (form.confirm.data or "").strip().lower() != user.email:
        flash("Not erased: type the person's email exactly to confirm.", "error")
        return redirect(url_for("people.edit", user_id=user.id))
    if user.id == current_user.id:
        abort(400, "You cannot erase your own account.")
    email = user.email
    summary = erase_person(db.session, user)
    audit.record(
        db.session,
        actor=current_user.email,
        action="user.erase",
        target=f"user:{user.id}",
        former_email_domain=email.split("@")[-1],
        summary=summary,
    )
    db.session.commit()
    flash("The person's data was erased and their account anonymised.", "info")
    return redirect(url_for("people.index"))


@bp.get("/audit")
@requires("admin")
def audit_log() -> str:
    from app.accounts.audit_text import describe
    from app.accounts.models import AuditEvent

    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.at.desc()).limit(500)).all()
    return render_template("people/audit.html", events=[describe(event) for event in events])
