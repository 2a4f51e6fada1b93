"""The elearn Flask application."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import DEFAULTS


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure an elearn app."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_prefixed_env("ELEARN")
    else:
        app.config.update(test_config)
    _ensure_secret_key(app)
    if app.config.get("PROXY_COUNT"):
        # Behind nginx: trust X-Forwarded-For/-Proto/-Host from that many proxies (HTTPS detection, HSTS).
        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]

    from app import blueprints, cli, database, errors, extensions, navigation, security, templating

    database.init_app(app)
    extensions.init_app(app)
    blueprints.register(app)
    errors.init_app(app)
    navigation.init_app(app)
    templating.init_app(app)
    security.init_app(app)
    cli.init_app(app)

    from app import account_erasure, assessment_erasure, lrs_forwarding, lrs_people

    lrs_forwarding.init_app(app)
    lrs_people.init_app()
    assessment_erasure.init_app()
    account_erasure.init_app()
    return app


def _ensure_secret_key(app: Flask) -> None:
    """Use the configured key, or one kept in the instance folder so sessions survive restarts."""
    if app.config.get("SECRET_KEY"):
        return
    key_file = Path(app.instance_path) / "secret_key"
    key_file.parent.mkdir(parents=True, exist_ok=True)
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    app.config["SECRET_KEY"] = key_file.read_text().strip()
