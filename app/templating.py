"""Jinja filters that write numbers and times for people: "63%", "6.5 of 11 points", a local time."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime

from flask import Flask
from markupsafe import Markup, escape


def number(value: float | int | None) -> str:
    """Write a number without a trailing ".0": 11.0 → "11", 6.5 → "6.5", 2/3 → "0.67"."""
    if value is None:
        return "–"
    rounded = round(float(value), 2)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.2f}".rstrip("0")


def percent(share: float | None) -> str:
    """Write a share (0..1) as a whole percentage: 0.625 → "63%"; None → "–"."""
    if share is None:
        return "–"
    return f"{math.floor(float(share) * 100 + 0.5)}%"  # half up: 62.5 % reads as 63 %, as people round


def points(raw: float | None, maximum: float | None = None) -> str:
    """Write a score: points(6.5, 11) → "6.5 of 11 points"; points(1) → "1 point"."""
    if raw is None:
        return "–"
    if maximum is None:
        return f"{number(raw)} point{'' if raw == 1 else 's'}"
    return f"{number(raw)} of {number(maximum)} point{'' if maximum == 1 else 's'}"


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
