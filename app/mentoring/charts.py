"""Small SVG charts drawn on the server (no scripts): competency history lines and 70:20:10 bars."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from courses.blend import Balance


@dataclass(frozen=True, slots=True)
class LineChart:
    points: str  # SVG polyline points
    threshold_y: float
    last_label: str
    width: int
    height: int
    count: int


def line_chart(
    history: Sequence[tuple[str, float]], threshold: float, *, width: int = 240, height: int = 60
) -> LineChart:
    """Scale (time, estimate) points into an SVG box: time left to right, 0-100% bottom to top."""
    if not history:
        return LineChart("", height * (1 - threshold), "no evidence yet", width, height, 0)
    times = [datetime.fromisoformat(at).timestamp() for at, _ in history]
    start, span = times[0], (times[-1] - times[0]) or 1.0
    coords = []
    for moment, (_at, value) in zip(times, history, strict=True):
        x = 0.0 if len(history) == 1 else (moment - start) / span * width
        coords.append(f"{x:.1f},{height * (1 - value):.1f}")
    if len(coords) == 1:
        coords.append(f"{width:.1f},{height * (1 - history[0][1]):.1f}")
    return LineChart(
        " ".join(coords),
        height * (1 - threshold),
        f"{round(history[-1][1] * 100)}%",
        width,
        height,
        len(history),
    )


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
