"""Practice streaks and milestones (pure): encouragement for what was done, never a count of what was not.

A streak is the run of consecutive days with at least one finished drill, ending today or yesterday (a day
not yet practised does not break it before it is over). Days are UTC dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

DRILL_MILESTONES = (1, 5, 10, 25, 50, 100, 250, 500)
STREAK_MILESTONES = (3, 7, 14, 30, 60, 100)


@dataclass(frozen=True, slots=True)
class Streak:
    drills: int  # finished drills, all time
    current: int  # days in the current streak
    best: int  # the longest streak ever
    milestones: tuple[str, ...]  # reached, newest last
    next_milestone: str | None
    practised_today: bool = False


def streak(finished_days: Iterable[date], drills: int, today: date) -> Streak:
    """Summarise finished drills (their days, and how many) as of ``today``."""
    days = sorted(set(finished_days))
    best = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    current = run if previous is not None and today - previous <= timedelta(days=1) else 0
    reached = [f"{n} drill{'s' if n > 1 else ''} done" for n in DRILL_MILESTONES if drills >= n]
    reached += [f"{n}-day streak" for n in STREAK_MILESTONES if best >= n]
    upcoming = next((n for n in DRILL_MILESTONES if drills < n), None)
    next_text = (
        f"{upcoming} drills done" if upcoming and upcoming > 1 else "your first drill" if upcoming else None
    )
    return Streak(drills, current, best, tuple(reached), next_text, previous == today)
