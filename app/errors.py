"""Error pages: HTML for people, JSON for API clients; never a stack trace.

Every handler first rolls the request's session back: after a failed flush the session refuses all work
(PendingRollbackError) until it is, and the page itself loads the signed-in user and the navigation from
it. Should rendering fail all the same, the answer is a plain-text page with the same status.
"""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable
from werkzeug.wrappers import Response

from app.database import db


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return request.path.startswith(("/api/", "/xapi/")) or (
        best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def _roll_back() -> None:
    """End the request's transaction so that the error page can read again; nothing was committed."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 (a dead connection must not stop the error page)
        current_app.logger.warning("rollback failed while handling an error", exc_info=True)


def _render(error: HTTPException, message: str | None = None) -> tuple[Response | str, int]:
    code = error.code or 500
    message = message or error.description or error.name
    _roll_back()
    if _wants_json():
        return jsonify(error=error.name, message=message), code
    try:
        return render_template("error.html", code=code, title=error.name, message=message), code
    except Exception:  # noqa: BLE001 (the page must not fail; the original error is logged already)
        current_app.logger.exception("the error page failed on %s %s", request.method, request.path)
        return Response(f"{code} {error.name}\n\n{message}\n", status=code, mimetype="text/plain"), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[Response | str, int]:
        return _render(
            error, "The form expired or was not sent from this site. Reload the page and try again."
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Response | str, int] | HTTPException:
        if error.code and error.code < 400:
            return error
        return _render(error)

    @app.errorhandler(DBAPIError)
    def database_error(error: DBAPIError) -> tuple[Response | str, int] | Response:
        if not (error.connection_invalidated or isinstance(error, OperationalError)):
            return unexpected_error(error)
        return database_unavailable()

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[Response | str, int]:
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return _render(InternalServerError(), "Something went wrong on our side; nothing you sent was lost.")


RETRY_AFTER_SECONDS = 5


def database_unavailable() -> Response:
    """Answer 503 while the database cannot be reached (restarting, failing over).

    The transaction was rolled back, so the client may simply send the request again; clients and
    proxies take 503 as "try again", where a 500 would read as a bug. The page is plain text: rendering
    the usual error page would load the signed-in user from the same unreachable database.
    """
    current_app.logger.warning("database unavailable on %s %s", request.method, request.path, exc_info=True)
    _roll_back()
    error = ServiceUnavailable()
    message = "The database is not reachable right now; nothing was saved. Please try again in a moment."
    if _wants_json():
        response = jsonify(error=error.name, message=message)
    else:
        response = Response(message + "\n", mimetype="text/plain")
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
