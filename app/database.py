"""Engine and session handling: one session per request, committed by the view that changes data."""

from __future__ import annotations

import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from flask import Flask, current_app, request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, scoped_session, sessionmaker
from sqlalchemy.pool import QueuePool

EXTENSION_KEY = "elearn.database"

# GET and HEAD requests to these blueprints never write, so on SQLite they may read without the write lock.
READ_ONLY_BLUEPRINTS = frozenset({"xapi"})
_reading_only: ContextVar[bool] = ContextVar("elearn_reading_only", default=False)


def database_url(app: Flask) -> str:
    """Return the configured database URL, or the SQLite file in the instance folder."""
    url = app.config.get("DATABASE_URL")
    if url:
        return str(url)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(app.instance_path) / 'elearn.sqlite3'}"


def make_engine(url: str, *, immediate: bool | None = True, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout on every connection.

    With ``immediate`` (the default for the app) SQLite transactions take the write lock when they begin;
    ``False`` begins them deferred, ``None`` runs every statement on its own (test inspection sessions).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **kwargs)
    # Connections are pooled: closing the last connection to a WAL database checkpoints it (a write and an
    # fsync), which would cost every request that wrote. A forked child (a test live server) drops the
    # parent's pooled connections instead of sharing their file handles.
    engine = create_engine(url, poolclass=QueuePool, connect_args={"timeout": 30}, **kwargs)
    _dispose_in_forked_children(engine)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy issue BEGIN itself so that BEGIN IMMEDIATE works for writers.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
        # writes can fail with SQLITE_BUSY when another writer committed in between. Requests known to
        # only read (see READ_ONLY_BLUEPRINTS) begin deferred, so they never wait for writers.
        if immediate is None:
            return
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate and not _reading_only.get() else "BEGIN")

    return engine


def _dispose_in_forked_children(engine: Engine) -> None:
    reference = weakref.ref(engine)

    def drop_inherited_connections() -> None:
        inherited = reference()
        if inherited is not None:
            inherited.dispose(close=False)

    os.register_at_fork(after_in_child=drop_inherited_connections)


class Database:
    """The engine and the request-scoped session of one app."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.session_factory = sessionmaker(bind=self.engine, expire_on_commit=False)
        self.session = scoped_session(self.session_factory)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Open a session outside a request, commit on success, roll back on error."""
        session = self.session_factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.session.remove()
        self.engine.dispose()


def init_app(app: Flask) -> Database:
    database = Database(database_url(app))
    app.extensions[EXTENSION_KEY] = database

    @app.before_request
    def _mark_read_only_requests() -> None:
        _reading_only.set(request.method in ("GET", "HEAD") and request.blueprint in READ_ONLY_BLUEPRINTS)

    @app.teardown_appcontext
    def _remove_session(_exc: BaseException | None) -> None:
        database.session.remove()
        _reading_only.set(False)

    return database


def get_db(app: Flask | None = None) -> Database:
    return (app or current_app).extensions[EXTENSION_KEY]


class _SessionProxy:
    """``db.session`` is the current app's request-scoped session."""

    @property
    def session(self) -> Session:
        return get_db().session()  # type: ignore[no-any-return]

    @property
    def database(self) -> Database:
        return get_db()


db = _SessionProxy()
