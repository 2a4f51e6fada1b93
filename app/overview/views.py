"""The admin overview page."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from app.access import requires
from app.database import db
from app.lrs_forwarding import forward_targets
from app.overview.service import overview

bp = Blueprint("overview", __name__, url_prefix="/admin")


@bp.get("/")
@requires("admin")
def index() -> str:
    summary = overview(db.session, targets=len(forward_targets(current_app)))
    return render_template("overview/index.html", overview=summary)
