"""Shared fixtures: a fresh app on a fresh, migrated database per test.

SQLite is used unless ``ELEARN_TEST_DATABASE_URL`` points at a PostgreSQL database. Migrations run once per
test session into a template (a SQLite file that each test copies, or the PostgreSQL schema that each test
empties), so every test starts from the real migrated schema without paying for the migrations again.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app import create_app, migrate
from app.accounts import create_user as create_account
from app.database import get_db, make_engine

PG_URL = os.environ.get("ELEARN_TEST_DATABASE_URL")
TEST_PASSWORD = "correct-horse-battery-staple"
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    if PG_URL:
        engine = make_engine(PG_URL)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        migrate.upgrade(engine)
        engine.dispose()
        return PG_URL
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    return str(path)


def _fresh_database_url(template: str, tmp_path: Path) -> str:
    if PG_URL:
        engine = make_engine(PG_URL)
        with engine.begin() as connection:
            query = (
                "SELECT tablename FROM pg_tables"
                " WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
            )
            tables = connection.execute(text(query)).scalars().all()
            if tables:
                names = ", ".join(f'"{name}"' for name in tables)
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        engine.dispose()
        return PG_URL
    path = tmp_path / "elearn.sqlite3"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def app_config(database_template: str, tmp_path: Path) -> dict[str, Any]:
    """The configuration of the test app; tests may change it before ``app`` is created."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": _fresh_database_url(database_template, tmp_path),
        "CONTENT_DIR": str(ROOT / "content"),
        "SERVER_NAME": None,
    }


@pytest.fixture
def app(app_config: dict[str, Any], tmp_path: Path) -> Iterator[Flask]:
    application = create_app(app_config)
    application.instance_path = str(tmp_path / "instance")
    yield application
    get_db(application).dispose()


@pytest.fixture
def session(app: Flask) -> Iterator[Any]:
    """A plain SQLAlchemy session on the test database (committed by the test when it needs to).

    On SQLite every statement runs on its own, so a test that reads never holds a lock or an old snapshot
    while the app's own requests and commands write; call ``session.expire_all()`` before re-reading rows.
    """
    engine = make_engine(get_db(app).url, immediate=None)
    with Session(engine, expire_on_commit=False) as db_session:
        yield db_session
    engine.dispose()


@pytest.fixture
def create_user(app: Flask) -> Callable[..., Any]:
    """Create and commit a user: ``create_user("mentor", email=…, team=…)``."""
    counter = iter(range(1, 10_000))

    def factory(
        *roles: str,
        email: str | None = None,
        name: str | None = None,
        team: str | None = None,
        password: str = TEST_PASSWORD,
    ) -> Any:
        roles = roles or ("learner",)
        number = next(counter)
        email = email or f"{'-'.join(roles)}{number}@example.test"
        with get_db(app).transaction() as db_session:
            user = create_account(
                db_session,
                email=email,
                name=name or f"{roles[0].title()} {number}",
                password=password,
                roles=roles,
                team=team,
            )
            db_session.expunge(user)
        return user

    return factory


class AuthActions:
    def __init__(self, client: FlaskClient, create_user: Callable[..., Any]) -> None:
        self._client = client
        self._create_user = create_user

    def login(self, email: str, password: str = TEST_PASSWORD) -> Any:
        page = self._client.get("/login")
        token = csrf_token_from(page.get_data(as_text=True))
        return self._client.post("/login", data={"email": email, "password": password, "csrf_token": token})

    def login_as(self, *roles: str, **kwargs: Any) -> Any:
        """Create a user with these roles and sign in as them; return the user."""
        user = self._create_user(*roles, **kwargs)
        response = self.login(user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    def logout(self) -> Any:
        page = self._client.get("/", follow_redirects=True)
        return self._client.post("/logout", data={"csrf_token": csrf_token_from(page.get_data(as_text=True))})


@pytest.fixture
def auth(client: FlaskClient, create_user: Callable[..., Any]) -> AuthActions:
    return AuthActions(client, create_user)


_CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|<meta name="csrf-token" content="([^"]+)"')


def csrf_token_from(html: str) -> str:
    """Return the CSRF token of the first form (or the csrf-token meta tag) in a page."""
    match = _CSRF_PATTERN.search(html)
    assert match, "page has no CSRF token"
    return match.group(1) or match.group(2)
