"""Jinja filters that write numbers and times for people: "63%", "6.5 of 11 points", a local time.

The number filters live in ``app.numbers`` so that Python code building text writes figures the same way.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from flask import Flask
from markupsafe import Markup, escape

from app.numbers import number, percent, points


def plural(count: int, singular: str, many: str | None = None) -> str:
    """Write a count with its noun: plural(1, "note") → "1 note", plural(3, "note") → "3 notes"."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def slug(text: str) -> str:
    """Turn a title into an id fragment: "Plan balance" → "plan-balance"."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "section"


def local_time(moment: datetime | date | None, style: str = "datetime") -> Markup:
    """Mark up a moment as <time>; static/app.js rewrites it in the reader's own time zone.

    Without script the UTC time stays, labelled as such. style is "datetime", "date" or "relative".
    """
    if moment is None:
        return Markup("–")
    if not isinstance(moment, datetime):  # a calendar date (a due date) is the same day everywhere
        return Markup('<time datetime="{}">{}</time>').format(
            moment.isoformat(), moment.strftime("%d %b %Y").lstrip("0")
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    shown = moment.strftime("%d %b %Y") if style == "date" else moment.strftime("%d %b %Y, %H:%M UTC")
    return Markup('<time datetime="{}" data-style="{}">{}</time>').format(
        moment.isoformat(timespec="seconds"), escape(style), shown.lstrip("0")
    )


FILTERS = {
    "number": number,
    "percent": percent,
    "points": points,
    "plural": plural,
    "slug": slug,
    "local_time": local_time,
}


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters.update(FILTERS)
