"""Server-rendered SVG: the per-competency bar chart and milestone badges.

Every figure is also written as text beside its bar, and the threshold is a dashed line with its own
label, so the chart reads the same without colour (and to screen readers, through its title and desc).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree
from lxml.builder import ElementMaker
from markupsafe import Markup

from app.numbers import percent

SVG_NS = "http://www.w3.org/2000/svg"
S = ElementMaker(namespace=SVG_NS, nsmap={None: SVG_NS})

WIDTH, LABEL_HEIGHT, BAR_HEIGHT, ROW_GAP = 320, 18, 16, 14
BAR_LEFT, BAR_WIDTH = 0, 250


@dataclass(frozen=True, slots=True)
class ChartRow:
    label: str
    ratio: float  # 0..1
    threshold: float | None = None  # 0..1

    @property
    def is_met(self) -> bool:
        return self.threshold is not None and self.ratio >= self.threshold - 1e-9

    @property
    def cells(self) -> tuple[str, str, str]:
        """The row as the table behind the chart shows it: name, figure, level to reach."""
        return (self.label, percent(self.ratio), percent(self.threshold))

    @property
    def summary(self) -> str:
        text = f"{self.label}: {percent(self.ratio)}"
        if self.threshold is None:
            return text
        verdict = "threshold met" if self.is_met else "below threshold"
        return f"{text}, threshold {percent(self.threshold)}, {verdict}"


def competency_chart(rows: Sequence[ChartRow], *, title: str = "Score per competency") -> Markup:
    """Return an accessible horizontal bar chart, one bar per competency."""
    row_height = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    height = max(1, len(rows)) * row_height
    svg = S.svg(
        S.title(title),
        S.desc("; ".join(row.summary for row in rows) or "No scores yet"),
        role="img",
        viewBox=f"0 0 {WIDTH} {height}",
        width="100%",
        **{"class": "chart", "aria-label": title},
    )
    for index, row in enumerate(rows):
        svg.extend(_bar(row, index * row_height))
    return Markup(etree.tostring(svg, encoding="unicode"))


def _bar(row: ChartRow, top: int) -> list[etree._Element]:
    y = top + LABEL_HEIGHT
    filled = max(0.0, min(1.0, row.ratio)) * BAR_WIDTH
    mark = "✓ " if row.is_met else ""
    parts = [
        S.text(f"{mark}{row.label}", x="0", y=str(top + 13), **{"class": "chart-label"}),
        S.rect(
            x=str(BAR_LEFT),
            y=str(y),
            width=str(BAR_WIDTH),
            height=str(BAR_HEIGHT),
            **{"class": "chart-track"},
        ),
        S.rect(
            x=str(BAR_LEFT), y=str(y), width=f"{filled:.1f}", height=str(BAR_HEIGHT), **{"class": "chart-bar"}
        ),
        S.text(percent(row.ratio), x=str(BAR_WIDTH + 8), y=str(y + 13), **{"class": "chart-value"}),
    ]
    if row.threshold is not None:
        x = f"{BAR_LEFT + row.threshold * BAR_WIDTH:.1f}"
        parts.append(
            S.line(x1=x, x2=x, y1=str(y - 3), y2=str(y + BAR_HEIGHT + 3), **{"class": "chart-threshold"})
        )
    return parts


BADGE_LABELS = {
    "first-pass": "First pass",
    "personal-best": "Personal best",
    "competency-done": "All modules done",
}


def badge(kind: str) -> Markup:
    """A small decorative star with the milestone's initial letter (the text beside it says what it is)."""
    points = "16,2 20,12 31,12 22,19 25,30 16,23 7,30 10,19 1,12 12,12"
    svg = S.svg(
        S.polygon(points=points, **{"class": "badge-star"}),
        S.text(
            BADGE_LABELS.get(kind, kind)[0],
            x="16",
            y="21",
            **{"text-anchor": "middle", "class": "badge-letter"},
        ),
        viewBox="0 0 32 32",
        width="32",
        height="32",
        focusable="false",
        **{"aria-hidden": "true", "class": "badge"},
    )
    return Markup(etree.tostring(svg, encoding="unicode"))
