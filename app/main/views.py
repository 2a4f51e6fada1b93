from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import text
from werkzeug.wrappers import Response

from app.access import public
from app.database import db
from app.navigation import home_endpoint

bp = Blueprint("main", __name__)


@bp.get("/")
@public
def home() -> Response | str:
    if current_user.is_authenticated and home_endpoint(current_user) != "main.home":
        return redirect(url_for(home_endpoint(current_user)))
    return render_template("main/home.html", user=current_user)


@bp.get("/healthz")
@public
def healthz() -> tuple[Response, int]:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # any database failure means unhealthy, whatever the driver
        return jsonify(status="error", database=type(exc).__name__), 503
    return jsonify(status="ok", database="ok"), 200
