"""Numbers written for people: "6.5 of 11 points", "63%", "50" (never "11.0" or "50.0").

Pure functions, registered as the Jinja filters ``number``, ``points`` and ``percent`` by
``app.templating``; code that builds text (a check-in summary, a chart label) calls the same functions, so
a figure reads the same everywhere.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

MISSING = "–"


def number(value: float | int | None, *, places: int = 2, grouped: bool = True) -> str:
    """Write a number with at most ``places`` decimals and no trailing zeros: 50.0 → "50", 6.50 → "6.5".

    ``grouped`` separates thousands ("1,250"); an input field's value is written without (``1250``).
    """
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        return MISSING
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,f}" if grouped else f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def points(raw: float | int | None, maximum: float | int | None = None) -> str:
    """Write a score in points: "6.5 of 11 points", "1 point"; plural follows the last figure written."""
    last = maximum if maximum is not None else raw
    unit = "point" if last is not None and number(last) == "1" else "points"
    if maximum is None:
        return f"{number(raw)} {unit}"
    return f"{number(raw)} of {number(maximum)} {unit}"


def percent(ratio: float | None) -> str:
    """Write a ratio in [0, 1] as a whole percentage, halves rounded up: 0.625 → "63%"."""
    if ratio is None or isinstance(ratio, bool) or not math.isfinite(ratio):
        return MISSING
    return f"{math.floor(ratio * 100 + 0.5 + 1e-9)}%"
