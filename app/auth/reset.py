"""Password reset by e-mail, when an SMTP server is configured.

The link carries a signed token naming the account and a fragment of its current password hash, valid for
an hour: it stops working as soon as the password changes, so each link works once. The answer to a reset
request is the same whether or not the address has an account.
"""

from __future__ import annotations

from flask import current_app, flash, make_response, redirect, render_template, request, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from werkzeug.wrappers import Response

from app import mail
from app.access import public
from app.accounts import User, WeakPasswordError, audit, check_password_strength, find_user_by_email, throttle
from app.accounts.passwords import hash_password
from app.auth.forms import ForgotPasswordForm, ResetPasswordForm
from app.auth.views import bp, retry_after_seconds
from app.database import db

TOKEN_MAX_AGE = 3600
_SALT = "elearn.password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def make_token(user: User) -> str:
    return _serializer().dumps({"uid": user.uid, "hash": user.password_hash[-16:]})


def user_for_token(token: str) -> User | None:
    try:
        data = _serializer().loads(token, max_age=TOKEN_MAX_AGE)
    except BadSignature:
        return None
    user = db.session.scalar(select(User).where(User.uid == data.get("uid")))
    if user is None or not user.is_active or user.password_hash[-16:] != data.get("hash"):
        return None
    return user


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
def forgot_password() -> Response | str | tuple[str, int]:
    config = current_app.config
    form = ForgotPasswordForm()
    if not mail.is_configured(config):
        return render_template("auth/forgot.html", form=None)
    if form.validate_on_submit():
        email, address = form.email.data or "", request.remote_addr or "unknown"
        policy, reset_key = throttle.Policy.from_config(config), f"reset:{email}"
        wait = throttle.wait_before_sign_in(db.session, reset_key, address, policy)
        if wait:
            db.session.rollback()
            response = make_response(render_template("auth/forgot.html", form=form, throttled=True), 429)
            response.headers["Retry-After"] = str(retry_after_seconds(wait))
            return response
        throttle.record_failure(db.session, reset_key, address, policy)
        user = find_user_by_email(db.session, email)
        if user is not None and user.is_active:
            base = config.get("BASE_URL") or request.host_url.rstrip("/")
            link = base + url_for("auth.reset_password", token=make_token(user))
            body = (
                f"Hello {user.name},\n\nSomeone (hopefully you) asked to reset your elearn password.\n"
                f"Choose a new one here within the hour:\n\n{link}\n\n"
                "If you did not ask for this, ignore this message: your password stays as it is.\n"
            )
            mail.send(
                config, mail.compose(config, to=user.email, subject="Reset your elearn password", body=body)
            )
        db.session.commit()
        flash("If that address has an account, we have sent it a link to choose a new password.", "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form), 400 if form.errors else 200


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str) -> Response | str | tuple[str, int]:
    user = user_for_token(token)
    if user is None:
        flash("That reset link has expired or was already used. Ask for a new one.", "error")
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            check_password_strength(form.password.data or "", email=user.email)
        except WeakPasswordError as error:
            form.password.errors = [*form.password.errors, f"{str(error).capitalize()}."]
        else:
            user.password_hash = hash_password(form.password.data or "")
            throttle.unlock(db.session, user.email)
            audit.record(
                db.session, actor=user.email, action="user.password_reset_by_email", target=user.email
            )
            db.session.commit()
            flash("Your password is changed. Sign in with the new one.", "info")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form), 400 if form.errors else 200
