"""Small SVG charts drawn on the server (no scripts): competency history lines and 70:20:10 bars."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from courses.blend import Balance


@dataclass(frozen=True, slots=True)
class LineChart:
    """An estimate over time, scaled into an SVG box with a real time axis (see ``line_chart``)."""

    points: str  # SVG polyline points of the estimate, held as a step until the end of the axis
    dots: tuple[tuple[float, float], ...]  # one per piece of evidence
    threshold_y: float
    ticks: tuple[tuple[float, str], ...]  # (x, "3 Mar") along the time axis
    last_label: str
    width: int
    height: int
    count: int
    left: int = 38  # room for the 0/50/100 % labels
    bottom: int = 18  # room for the dates

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

    def y_of(self, share: float) -> float:
        return round(8 + (self.plot_bottom - 8) * (1 - share), 1)


MIN_PAD = timedelta(hours=1)


def line_chart(
    history: Sequence[tuple[str, float]],
    threshold: float,
    *,
    width: int = 320,
    height: int = 120,
    now: datetime | None = None,
) -> LineChart:
    """Scale (time, estimate) points into an SVG box: time left to right, 0-100% bottom to top.

    The time axis runs from a margin before the first evidence (5 % of the span, at least an hour) to now,
    and at least that margin past the last evidence, so evidence given at one moment (a quiz's answers
    share their submit time) is a dot with its estimate held up to now, not a vertical tick at the edge.
    """
    empty = LineChart("", (), 0.0, (), "no evidence yet", width, height, 0)
    blank = replace(empty, threshold_y=empty.y_of(threshold))
    if not history:
        return blank
    moments = [_aware(datetime.fromisoformat(at)) for at, _ in history]
    latest = max(_aware(now or datetime.now(UTC)), moments[-1])
    pad = max((latest - moments[0]) * 0.05, MIN_PAD)
    start, end = moments[0] - pad, max(latest, moments[-1] + pad)
    span = (end - start).total_seconds()
    plot_width = width - blank.left - 6

    def x_of(moment: datetime) -> float:
        return round(blank.left + (moment - start).total_seconds() / span * plot_width, 1)

    coords: list[str] = []
    dots = []
    held: float | None = None  # each estimate holds until the next piece of evidence (a step line)
    for moment, (_at, value) in zip(moments, history, strict=True):
        x, y = x_of(moment), blank.y_of(value)
        if held is not None:
            coords.append(f"{x},{held}")
        coords.append(f"{x},{y}")
        dots.append((x, y))
        held = y
    coords.append(f"{x_of(end)},{held}")
    marks = [start + (end - start) * i / 3 for i in range(4)]
    label = _day if end - start > timedelta(days=2) else _hour
    ticks = tuple((x_of(mark), label(mark)) for mark in marks)
    if label is _hour:
        ticks = (*ticks[:-1], (ticks[-1][0], ticks[-1][1] + " UTC"))
    return replace(
        blank,
        points=" ".join(coords),
        dots=tuple(dots),
        ticks=ticks,
        last_label=f"{round(history[-1][1] * 100)}%",
        count=len(history),
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _day(moment: datetime) -> str:
    return moment.strftime("%d %b").lstrip("0")


def _hour(moment: datetime) -> str:
    return moment.strftime("%H:%M")


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    planned: int
    completed: int
    share: int  # percent of planned
    target: int  # percent
    planned_width: float  # percent of the widest bar
    completed_width: float


def balance_bars(balance: Balance) -> list[Bar]:
    widest = max((k.planned for k in balance.kinds), default=0) or 1
    labels = {"experience": "Experience (70)", "exposure": "Exposure (20)", "education": "Education (10)"}
    return [
        Bar(
            labels[k.kind.value],
            k.planned,
            k.completed,
            round(k.share * 100),
            round(k.target * 100),
            k.planned / widest * 100,
            k.completed / widest * 100,
        )
        for k in balance.kinds
    ]
