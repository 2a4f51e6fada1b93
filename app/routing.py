"""URL converters: a number in a path is a row id, so it must fit the database's 64-bit integer."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

# Eighteen digits: always below 2**63 - 1 (a signed 64-bit column, BIGINT on PostgreSQL, INTEGER on
# SQLite), and decided by the pattern alone. A value refused only by ``to_python`` would still count as a
# path match when Werkzeug checks methods, and so come back 405 instead of 404 on some routes.
MAX_DIGITS = 18
MAX_ID = 10**MAX_DIGITS - 1


class IdConverter(IntegerConverter):
    """``<id:name>``: up to ``MAX_DIGITS`` ASCII digits; anything else does not match, so it is a 404.

    Werkzeug's ``int`` converter matches any length (and any Unicode digit); a value past 2**63 - 1 then
    failed inside the database driver with an OverflowError instead of "not found".
    """

    regex = rf"[0-9]{{1,{MAX_DIGITS}}}"

    def __init__(self, map: Map) -> None:  # noqa: A002 (Werkzeug's parameter name)
        super().__init__(map, min=0, max=MAX_ID)


def init_app(app: Flask) -> None:
    """Register the converters; call before any blueprint adds its rules."""
    app.url_map.converters["id"] = IdConverter
