"""Flask extensions: CSRF protection, the login manager and Bootstrap (assets served from our origin)."""

from __future__ import annotations

from flask import Flask
from flask_bootstrap import Bootstrap5
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

bootstrap = Bootstrap5()
csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to continue."
login_manager.session_protection = "strong"


def init_app(app: Flask) -> None:
    # The CSP allows no other origin, so Bootstrap's CSS and JS always come from /bootstrap/static.
    app.config["BOOTSTRAP_SERVE_LOCAL"] = True
    bootstrap.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    from app.accounts import loader  # noqa: F401  (registers the user loader)
