"""Login and logout pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from app.access import public, requires
from app.accounts import throttle
from app.accounts.services import authenticate
from app.auth.forms import LoginForm, LogoutForm
from app.database import db
from app.navigation import home_endpoint

bp = Blueprint("auth", __name__)


def home_for(user: object) -> str:
    """The landing page of a signed-in user: the workspace of their role (app.navigation)."""
    return url_for(home_endpoint(user))


def _safe_next(target: str | None) -> str | None:
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> Response | str:
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        email, address = form.email.data or "", request.remote_addr or "unknown"
        if throttle.is_throttled(db.session, email, address):
            flash("Too many failed sign-ins. Wait 15 minutes and try again, or ask an admin.", "error")
            return render_template("auth/login.html", form=form), 429
        user = authenticate(db.session, email, form.password.data or "")
        if user is not None:
            throttle.clear_failures(db.session, email)
            db.session.commit()
            login_user(user, remember=bool(form.remember.data))
            return redirect(_safe_next(request.args.get("next")) or home_for(user))
        throttle.record_failure(db.session, email, address)
        db.session.commit()
        flash("That email and password do not match an account.", "error")
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@requires()
def logout() -> Response:
    form = LogoutForm()
    if form.validate_on_submit():
        logout_user()
        flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))
