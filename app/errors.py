"""Error pages: HTML for people, JSON for API clients; never a stack trace."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, jsonify, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable
from werkzeug.wrappers import Response


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return request.path.startswith(("/api/", "/xapi/")) or (
        best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


# What a person reads: a plain heading and sentence per status (the HTTP title stays for API clients).
PLAIN: dict[int, tuple[str, str]] = {
    400: ("Something in that request was not right", "Go back, check what you entered and try again."),
    401: ("Please sign in", "Sign in to see this page."),
    403: ("This page is not for your role", "Your account cannot open it. Ask an admin if you need it."),
    404: ("We cannot find that page", "The link may be old, or the item was removed."),
    405: ("That action does not work here", "Go back and use the buttons on the page."),
    409: ("That has already changed", "It changed first (maybe in another tab). Reload and look again."),
    413: ("That file is too big", "Choose a smaller file and try again."),
    422: ("Some of that could not be saved", "Go back, check the highlighted answers and try again."),
    429: ("Too many tries", "Wait a few minutes and try again."),
    500: ("Something went wrong on our side", "Nothing you sent was lost. Try again in a moment."),
    503: ("elearn is busy for a moment", "Nothing was saved. Try again in a moment."),
}


def _custom_description(error: HTTPException) -> str | None:
    """Return the description a view gave (abort(404, "…")), not werkzeug's generic one."""
    description = error.description
    return description if description and description != type(error).description else None


def _way_back() -> tuple[str, str]:
    """Return where the person came from on this site (or their home) and the label of that link."""
    referrer = request.referrer
    if referrer:
        parts = urlsplit(referrer)
        if parts.netloc == request.host and parts.path != request.path:
            return parts.path + (f"?{parts.query}" if parts.query else ""), "Go back"
    from app.navigation import home_endpoint

    try:
        from flask_login import current_user

        return url_for(home_endpoint(current_user)), "Go to your start page"
    except Exception:  # the user could not be loaded (database unavailable): the public home still works
        return url_for("main.home"), "Go to the start page"


def _render(error: HTTPException, message: str | None = None) -> tuple[Response | str, int]:
    code = error.code or 500
    message = message or _custom_description(error)
    if _wants_json():
        return jsonify(error=error.name, message=message or error.description or error.name), code
    heading, sentence = PLAIN.get(code, (error.name, "Go back and try again."))
    back_url, back_label = _way_back()
    return render_template(
        "error.html",
        code=code,
        title=heading,
        message=message or sentence,
        back_url=back_url,
        back_label=back_label,
    ), code


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
    error = ServiceUnavailable()
    message = "The database is not reachable right now; nothing was saved. Please try again in a moment."
    if _wants_json():
        response = jsonify(error=error.name, message=message)
    else:
        response = Response(message + "\n", mimetype="text/plain")
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
