"""Forwarding stored statements to other LRSs (``LRS_FORWARD_TARGETS``): the outbox hook and the worker.

Every statement the record store stores passes through ``enqueue_stored`` (a record-store observer), which
writes its outbox rows in the same transaction. ``elearn lrs forward`` drains the outbox once; with
``LRS_FORWARD_IN_BACKGROUND`` (default: on, except under tests) each app process also drains it every
``LRS_FORWARD_INTERVAL`` seconds from a daemon thread. Several processes may drain at once: each target
is leased to one worker at a time.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask, current_app, has_app_context
from sqlalchemy.orm import Session

from app.database import get_db
from learning_record_store import hooks
from learning_record_store.forwarding import DrainResult, DrainSettings, Target, drain, enqueue_for_forwarding
from learning_record_store.forwarding import parse_targets as _parse_targets

EXTENSION_KEY = "elearn.lrs_forwarding"
log = logging.getLogger(__name__)


def forward_targets(app: Flask) -> list[Target]:
    """Return the app's forwarding targets, parsed once from its configuration."""
    cached = app.extensions.get(EXTENSION_KEY)
    if cached is None or cached[0] is not app.config.get("LRS_FORWARD_TARGETS"):
        value = app.config.get("LRS_FORWARD_TARGETS")
        cached = (value, _parse_targets(value))
        app.extensions[EXTENSION_KEY] = cached
    return list(cached[1])


def drain_settings(app: Flask) -> DrainSettings:
    config = app.config
    return DrainSettings(
        batch_size=int(config.get("LRS_FORWARD_BATCH_SIZE", 100)),
        timeout=float(config.get("LRS_FORWARD_TIMEOUT", 10)),
        backoff_base=float(config.get("LRS_FORWARD_BACKOFF_SECONDS", 5)),
        backoff_max=float(config.get("LRS_FORWARD_BACKOFF_MAX_SECONDS", 3600)),
    )


def enqueue_stored(session: Session, statements: list[dict[str, Any]]) -> None:
    """Record-store observer: queue the statements just stored for every target that wants them."""
    if not has_app_context():
        return
    targets = forward_targets(current_app)
    if targets:
        enqueue_for_forwarding(session, statements, targets)


def forward_once(app: Flask) -> DrainResult:
    """Drain the outbox once for the app's targets."""
    return drain(get_db(app).session_factory, forward_targets(app), drain_settings(app))


class BackgroundForwarder(threading.Thread):
    def __init__(self, app: Flask, interval: float) -> None:
        super().__init__(name="lrs-forwarder", daemon=True)
        self.app, self.interval = app, interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                result = forward_once(self.app)
            except Exception:  # keep the worker alive; the outbox keeps what was not sent
                log.exception("forwarding statements failed")
                continue
            for target, error in result.failures.items():
                log.warning("forwarding to %s failed, will retry: %s", target, error)

    def stop(self) -> None:
        self.stopped.set()


def init_app(app: Flask) -> BackgroundForwarder | None:
    """Check the targets, hook the outbox into statement storage and start the background worker."""
    hooks.register(enqueue_stored)
    targets = forward_targets(app)  # a bad configuration fails at start-up, not at the first statement
    in_background = app.config.get("LRS_FORWARD_IN_BACKGROUND")
    if in_background is None:
        in_background = not app.testing
    if not (targets and in_background):
        return None
    worker = BackgroundForwarder(app, float(app.config.get("LRS_FORWARD_INTERVAL", 10)))
    app.extensions[EXTENSION_KEY + ".worker"] = worker
    worker.start()
    return worker
