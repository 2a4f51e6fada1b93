"""The app's one notion of "now" for what learners and mentors do, with a way to set it.

Learning and mentoring services ask this clock for the time they act at. Normally it is the wall clock;
``at(moment)`` sets it for the code inside the block, so demo history can be written through the same
services as a live request, dated weeks back. It is a context variable: other threads and requests keep
the wall clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

_moment: ContextVar[datetime | None] = ContextVar("elearn_clock", default=None)


def now() -> datetime:
    """Return the current instant (UTC, timezone-aware), or the one set by ``at``."""
    return _moment.get() or datetime.now(UTC)


@contextmanager
def at(moment: datetime) -> Iterator[datetime]:
    """Let ``now()`` return ``moment`` (made UTC-aware) inside the block."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    token = _moment.set(aware.astimezone(UTC))
    try:
        yield aware
    finally:
        _moment.reset(token)
