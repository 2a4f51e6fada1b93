"""Admin download of stored statements (JSON Lines or CSV), with the filters of ``elearn lrs export``."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from app.access import requires
from app.accounts import audit
from app.admin.views import bp
from app.database import db, get_db
from learning_record_store.errors import BadRequest, LRSError
from learning_record_store.export import FORMATS, export_chunks, query_from_filters

FILTERS = ("verb", "agent", "activity", "registration", "since", "until")


@bp.get("/export")
@requires("admin")
def export_form() -> str:
    return render_template("admin/lrs_export.html", formats=sorted(FORMATS), filters=FILTERS, error=None)


@bp.get("/export/download")
@requires("admin")
def export_download() -> Response | tuple[str, int]:
    fmt = request.args.get("format", "jsonl")
    try:
        if fmt not in FORMATS:
            raise BadRequest(f"format: choose one of {', '.join(sorted(FORMATS))}")
        query = query_from_filters(**{name: request.args.get(name) or None for name in FILTERS})
    except LRSError as error:
        page = render_template(
            "admin/lrs_export.html", formats=sorted(FORMATS), filters=FILTERS, error=error.message
        )
        return page, 400
    filters = {name: value for name in FILTERS if (value := request.args.get(name))}
    audit.record(db.session, actor=current_user.email, action="lrs.export", target=fmt, **filters)
    db.session.commit()
    # Each page of statements is read in its own short session, so the response can stream for as long
    # as the download takes without holding the request's database session.
    chunks = export_chunks(get_db().session_factory, query, fmt)
    return Response(
        chunks,
        mimetype=FORMATS[fmt].media_type,
        headers={"Content-Disposition": f'attachment; filename="statements.{fmt}"'},
    )
