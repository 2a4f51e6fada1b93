"""Domain fixtures: a plain SQLAlchemy session with the courses tables (no Flask app)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from app.database import make_engine
from courses.store import Base
from tests.conftest import PG_URL

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def db(request: pytest.FixtureRequest) -> Iterator[Session]:
    """An in-memory SQLite database, or the migrated PostgreSQL one when ELEARN_TEST_DATABASE_URL is set."""
    if PG_URL:
        request.getfixturevalue("database_template")  # migrated once per test session
        engine = make_engine(PG_URL)
        with engine.begin() as connection:
            names = ", ".join(table.name for table in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY"))
    else:
        engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
        Base.metadata.create_all(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture curriculum."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid", target)
    return target
