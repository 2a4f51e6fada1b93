"""Text from the browser is refused (400) when it holds a NUL character or a lone surrogate.

PostgreSQL refuses NUL in text columns, so the same note or answer would be a 500 there and stored on
SQLite (and then end up in a CSV export); a lone surrogate cannot be encoded as UTF-8 on the way out.
One check before every view, on query strings, form fields, file names and JSON bodies, keeps both
databases alike and every form's validation free of the question. The record store checks its own
requests (``learning_record_store.http``), which read the body themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, abort, request

from learning_record_store.strict_json import InvalidJSON, parse, refusal


def _fields() -> Iterable[tuple[str, str, str]]:
    """Yield (where, name, text) for every piece of text the request carries outside its JSON body."""
    for name, value in request.args.items(multi=True):
        yield "query string", name, value
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    for name, value in request.form.items(multi=True):
        yield "form field", name, value
    for name, upload in request.files.items(multi=True):
        yield "file name", name, upload.filename or ""


def check_request() -> None:
    """Abort with 400 naming the first field whose text may not be kept."""
    if request.blueprint == "xapi":
        return
    for where, name, value in _fields():
        reason = refusal(name) or refusal(value)
        if reason:
            abort(400, description=f"The {where} {name[:60]!r} {reason}; remove it and try again.")
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.is_json:
        try:
            body = parse(request.get_data(cache=True), where="request body")
        except InvalidJSON as error:
            abort(400, description=error.message)
        # Views read a JSON object; Flask-WTF even turns any JSON body into form data (a list: a 500).
        if not isinstance(body, dict):
            abort(422, description="request body: send a JSON object")


def init_app(app: Flask) -> None:
    app.before_request(check_request)
