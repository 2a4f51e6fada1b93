"""The package download page: pick modules and a format, get a checked, deterministic zip."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from app.access import requires
from app.accounts import audit
from app.database import db
from courses import list_modules
from exporters import EXPORT_FORMATS, ExportError, ExportOptions, export_package, load_bundles, load_framework
from exporters.bundle import STATUS_MODES

bp = Blueprint("exports", __name__, url_prefix="/admin/exports")


def _form(error: str | None = None, status: int = 200) -> tuple[str, int]:
    page = render_template(
        "exports/index.html",
        modules=list_modules(db.session),
        formats=EXPORT_FORMATS,
        status_modes=STATUS_MODES,
        error=error,
    )
    return page, status


def _options() -> ExportOptions:
    base_url = current_app.config.get("BASE_URL") or request.host_url
    return ExportOptions(
        status_mode=request.args.get("status_mode", STATUS_MODES[0]),
        activity_base=f"{base_url.rstrip('/')}/xapi/activities",
        course_title=request.args.get("title") or None,
        framework=load_framework(db.session),
    )


@bp.get("/")
@requires("admin")
def index() -> tuple[str, int]:
    return _form()


@bp.get("/download")
@requires("admin")
def download() -> Response | tuple[str, int]:
    format_name = request.args.get("format", "")
    module_ids = request.args.getlist("module")
    if format_name not in EXPORT_FORMATS:
        return _form("Choose a package format.", 400)
    if not module_ids:
        return _form("Choose at least one module.", 400)
    if request.args.get("status_mode", STATUS_MODES[0]) not in STATUS_MODES:
        return _form("Choose how SCORM 1.2 reports a quiz.", 400)
    try:
        configured = current_app.config.get("EXPORT_SCHEMA_DIR")
        data = export_package(
            format_name,
            load_bundles(db.session, module_ids),
            _options(),
            schema_dir=Path(configured) if configured else None,
        )
    except ExportError as error:
        return _form(str(error), 400)
    name = module_ids[0] if len(module_ids) == 1 else "course"
    audit.record(
        db.session, actor=current_user.email, action="package.export", target=format_name, modules=module_ids
    )
    db.session.commit()
    return Response(
        data,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}-{format_name}.zip"'},
    )
