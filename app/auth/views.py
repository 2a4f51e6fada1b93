"""Login and logout pages."""

from __future__ import annotations

import math
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from app.access import public, requires
from app.accounts import audit, throttle
from app.accounts.services import authenticate, normalize_email
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
def login() -> Response | str | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        email, address = normalize_email(form.email.data or ""), client_address()
        policy = throttle.Policy.from_config(current_app.config)
        wait = throttle.wait_before_sign_in(db.session, email, address, policy)
        if wait:
            return _too_many(form, wait)
        user = authenticate(db.session, email, form.password.data or "")
        if user is not None:
            throttle.clear_pair(db.session, email, address)
            db.session.commit()
            login_user(user, remember=bool(form.remember.data))
            return redirect(_safe_next(request.args.get("next")) or home_for(user))
        _record_failure(email, address, policy)
        db.session.commit()
        flash("That email and password do not match an account.", "error")
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


def client_address() -> str:
    """The client's address: the peer, or what the trusted proxies say it is (``PROXY_COUNT``)."""
    return request.remote_addr or "unknown"


def retry_after_seconds(wait: timedelta) -> int:
    return max(1, math.ceil(wait.total_seconds()))


def _too_many(form: LoginForm, wait: timedelta) -> Response:
    db.session.rollback()  # nothing was written; end the transaction (and SQLite's write lock) now
    seconds = retry_after_seconds(wait)
    flash(
        f"Too many failed sign-ins from here. Wait {_in_words(seconds)} and try again, or ask an admin.",
        "error",
    )
    response = make_response(render_template("auth/login.html", form=form), 429)
    response.headers["Retry-After"] = str(seconds)
    return response


def _record_failure(email: str, address: str, policy: throttle.Policy) -> None:
    outcome = throttle.record_failure(db.session, email, address, policy)
    audit.record(db.session, actor="anonymous", action="auth.login_failed", target=email, address=address)
    if outcome.pair_throttled:
        audit.record(
            db.session,
            actor="anonymous",
            action="auth.throttled",
            target=email,
            address=address,
            seconds=retry_after_seconds(outcome.wait),
        )
    if outcome.address_throttled:
        audit.record(
            db.session,
            actor="anonymous",
            action="auth.address_throttled",
            target=address,
            seconds=retry_after_seconds(outcome.wait),
        )


def _in_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@bp.post("/logout")
@requires()
def logout() -> Response:
    form = LogoutForm()
    if form.validate_on_submit():
        logout_user()
        flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))
