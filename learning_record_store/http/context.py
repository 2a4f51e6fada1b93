"""Per-app state of the LRS blueprint: its settings and the request's database session."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from learning_record_store.clock import now

EXTENSION_KEY = "learning_record_store"
DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024


@dataclass(slots=True)
class Settings:
    """Per-app settings of the LRS blueprint."""

    get_session: Callable[[], Session]
    max_request_bytes: int | None = None
    version_exempt_rules: set[str] = field(default_factory=set)
    # pid -> an idle SQLite connection kept open (see keep_sqlite_wal)
    wal_keepers: dict[int, Any] = field(default_factory=dict)


def keep_sqlite_wal() -> None:
    """Keep one idle SQLite connection open per process (outside tests).

    The app's engine closes SQLite connections after each request, and the *last* connection to close
    checkpoints the WAL into the database and deletes it (an fsync each time). With requests that hold a
    connection only while writing, that happened on almost every request and halved ingest throughput.
    An idle connection that stays open makes SQLite checkpoint in the background of commits instead
    (wal_autocheckpoint). Opened lazily in the serving process, never carried across a fork.
    """
    state = settings()
    if current_app.testing or os.getpid() in state.wal_keepers:
        return
    engine = state.get_session().get_bind()
    if engine.dialect.name == "sqlite":
        state.wal_keepers[os.getpid()] = engine.raw_connection()  # type: ignore[union-attr]
    else:
        state.wal_keepers[os.getpid()] = None


def settings() -> Settings:
    return current_app.extensions[EXTENSION_KEY]  # type: ignore[no-any-return]


def current_session() -> Session:
    """Return the database session of the current request."""
    return settings().get_session()


def consistent_through() -> str:
    """Return the instant up to which every stored statement is visible (writes are transactional)."""
    return now()


def strict_profile_puts() -> bool:
    """Whether a PUT creating a profile document must carry If-Match or If-None-Match (see docs/xapi.md).

    Strict unless the app turns it off (``LRS_STRICT_PROFILE_PUT``), also when the blueprint is served by
    an app that does not know the setting.
    """
    return bool(current_app.config.get("LRS_STRICT_PROFILE_PUT", True))
