"""Draining the outbox: one pass over every target, batch by batch, with exponential backoff."""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import requests
from sqlalchemy.orm import Session, sessionmaker

from learning_record_store.forwarding import leases, outbox
from learning_record_store.forwarding.delivery import deliver
from learning_record_store.forwarding.targets import Target

# SQLite has no SKIP LOCKED: workers of one process take turns on this lock (and BEGIN IMMEDIATE
# serialises the claim across processes).
_SQLITE_DRAIN_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class DrainSettings:
    batch_size: int = 100
    timeout: float = 10.0
    backoff_base: float = 5.0  # seconds before the first retry; doubles with each failed attempt
    backoff_max: float = 3600.0
    lease: timedelta = timedelta(minutes=5)  # longer than any one HTTP exchange

    def retry_delay(self, attempts: int) -> timedelta:
        """Return the wait after the ``attempts``-th failed attempt (1-based)."""
        return timedelta(seconds=min(self.backoff_base * 2 ** max(attempts - 1, 0), self.backoff_max))


@dataclass(slots=True)
class DrainResult:
    delivered: dict[str, int] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)

    @property
    def total_delivered(self) -> int:
        return sum(self.delivered.values())


def worker_id() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def drain(
    session_factory: sessionmaker[Session],
    targets: Sequence[Target],
    settings: DrainSettings | None = None,
    *,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    http: requests.Session | None = None,
) -> DrainResult:
    """Deliver everything due in the outbox once; a failing target waits for its backoff, others go on."""
    settings = settings or DrainSettings()
    result = DrainResult()
    me = worker_id()
    is_sqlite = session_factory.kw["bind"].dialect.name == "sqlite"
    with _sqlite_lock() if is_sqlite else nullcontext(), _http(http) as client:
        for target in targets:
            delivered, error = _drain_target(session_factory, target, settings, me, clock, client)
            result.delivered[target.name] = delivered
            if error:
                result.failures[target.name] = error
    return result


def _drain_target(
    session_factory: sessionmaker[Session],
    target: Target,
    settings: DrainSettings,
    me: str,
    clock: Callable[[], datetime],
    client: requests.Session,
) -> tuple[int, str | None]:
    delivered = 0
    while True:
        with _transaction(session_factory) as session:
            now = clock()
            if not leases.claim_target(session, target.name, me, now=now, lease=settings.lease):
                return delivered, None
            batch = outbox.next_batch(session, target.name, now=now, size=settings.batch_size)
            if not batch:
                leases.release_target(session, target.name, me)
                return delivered, None
        outcome = deliver(client, target, batch, timeout=settings.timeout)
        with _transaction(session_factory) as session:
            now = clock()
            outbox.mark_delivered(session, [entry.id for entry in batch[: outcome.delivered]], now=now)
            if outcome.error:
                failed = [entry.id for entry in batch[outcome.delivered :]]
                attempts = outbox.head_attempts(session, target.name) + 1
                outbox.mark_failed(
                    session, failed, outcome.error, retry_at=now + settings.retry_delay(attempts)
                )
            leases.release_target(session, target.name, me)
        delivered += outcome.delivered
        if outcome.error:
            return delivered, outcome.error


@contextmanager
def _transaction(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with session_factory() as session, session.begin():
        yield session


@contextmanager
def _sqlite_lock() -> Iterator[None]:
    with _SQLITE_DRAIN_LOCK:
        yield


@contextmanager
def _http(http: requests.Session | None) -> Iterator[requests.Session]:
    if http is not None:
        yield http
        return
    with requests.Session() as client:
        yield client
