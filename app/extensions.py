"""Flask extensions: CSRF protection and the login manager."""

from __future__ import annotations

from flask import Flask
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to continue."
login_manager.session_protection = "strong"


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    from app.accounts import loader  # noqa: F401  (registers the user loader)
