"""Engine and session handling: one session per request, committed by the view that changes data."""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, current_app, request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, scoped_session, sessionmaker
from sqlalchemy.pool import QueuePool

from app import write_gate

EXTENSION_KEY = "elearn.database"
T = TypeVar("T")

# GET and HEAD requests to these blueprints never write, so on SQLite they may read without the write lock.
READ_ONLY_BLUEPRINTS = frozenset({"xapi"})
_reading_only: ContextVar[bool] = ContextVar("elearn_reading_only", default=False)


def read_apart(session: Session, load: Callable[[Session], T]) -> T:
    """Run ``load`` in a short read-only transaction of its own, when the session has none open yet.

    On SQLite the request's transaction takes the write lock when it begins (BEGIN IMMEDIATE); loading the
    signed-in user and such before it lets requests do that part side by side. What ``load`` returns stays
    usable: sessions do not expire objects on commit.
    """
    if session.in_transaction() or session.get_bind().dialect.name != "sqlite":
        return load(session)
    token = _reading_only.set(True)
    try:
        result = load(session)
        session.commit()  # ends the read transaction; nothing was written
    finally:
        _reading_only.reset(token)
    return result


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
    connect_args = {
        "timeout": 30,
        **write_gate.connect_args(parsed.database),
        **kwargs.pop("connect_args", {}),
    }
    gate = write_gate.gate_for(parsed.database) if "factory" in connect_args else None
    engine = create_engine(url, poolclass=QueuePool, connect_args=connect_args, **kwargs)
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
        if not immediate or _reading_only.get():
            conn.exec_driver_sql("BEGIN")
            return
        dbapi_connection = conn.connection.dbapi_connection
        if gate is not None and isinstance(dbapi_connection, write_gate.GatedConnection):
            dbapi_connection.begin_immediate(gate)  # queue behind other writers instead of polling
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

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
