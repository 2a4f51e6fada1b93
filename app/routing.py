"""URL converters: a number in a path is a row id, so it must fit the database's integer column."""

from __future__ import annotations

import re

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

# The app's ids are INTEGER columns: 32 bits on PostgreSQL (64 on SQLite), so the smaller bound holds
# for both databases.
MAX_ID = 2**31 - 1


def at_most(limit: int) -> str:
    """Return a regular expression matching the decimal numbers 0 to ``limit`` (no leading zeros past
    the shorter lengths), so that the route pattern alone decides.

    A value refused only by ``to_python`` still counts as a path match when Werkzeug checks methods,
    and would come back 405 instead of 404 on some routes.
    """
    digits = str(limit)
    shorter = f"[0-9]{{1,{len(digits) - 1}}}" if len(digits) > 1 else None
    same_length = []
    for position, digit in enumerate(digits):
        rest = len(digits) - position - 1
        low = "1" if position == 0 and shorter else "0"
        if digit > low:
            upper = chr(ord(digit) - 1)
            tail = f"[0-9]{{{rest}}}" if rest else ""
            same_length.append(f"{digits[:position]}[{low}-{upper}]{tail}")
    same_length.append(digits)
    return "|".join(filter(None, [shorter, *same_length]))


class IdConverter(IntegerConverter):
    """``<id:name>``: 0 to ``MAX_ID`` in ASCII digits; anything else does not match, so it is a 404.

    Werkzeug's ``int`` converter matches any length (and any Unicode digit); a value past the column's
    range then failed in the database driver (OverflowError, or a DataError on PostgreSQL) instead of
    being "not found".
    """

    regex = f"(?:{at_most(MAX_ID)})"

    def __init__(self, map: Map) -> None:  # noqa: A002 (Werkzeug's parameter name)
        super().__init__(map, min=0, max=MAX_ID)


def init_app(app: Flask) -> None:
    """Register the converters; call before any blueprint adds its rules."""
    app.url_map.converters["id"] = IdConverter


_NUMBER = re.compile(f"(?:{at_most(MAX_ID)})")


def parse_number(text: str | None) -> int | None:
    """Return a whole number typed into a form (ASCII digits, 0 to ``MAX_ID``), or None.

    ``str.isdigit`` is true for "²" (which ``int`` refuses) and for numbers no integer column holds.
    """
    return int(text) if text and _NUMBER.fullmatch(text) else None
