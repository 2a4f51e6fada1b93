"""A tiny scheduler for the demo history: actions in time order, each run at its moment on the clock."""

from __future__ import annotations

import heapq
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app import clock

HISTORY_DAYS = 42  # six weeks

Action = Callable[[float], None]


@dataclass(slots=True)
class Scheduler:
    """Run actions in day order (ties in the order they were scheduled), each at its moment on the clock."""

    start: datetime
    end: datetime
    queue: list[tuple[float, int, Action]] = field(default_factory=list)
    counter: itertools.count = field(default_factory=itertools.count)

    def at(self, day: float) -> datetime:
        return self.start + timedelta(days=day)

    def schedule(self, day: float, action: Action) -> None:
        heapq.heappush(self.queue, (day, next(self.counter), action))

    def run(self) -> None:
        while self.queue:
            day, _, action = heapq.heappop(self.queue)
            if self.at(day) < self.end:
                with clock.at(self.at(day)):
                    action(day)


def working_time(rng: random.Random, day: float) -> float:
    """A moment of the working day (08:30-17:00) on the day ``day`` falls in."""
    return int(day) + rng.uniform(8.5, 17.0) / 24
