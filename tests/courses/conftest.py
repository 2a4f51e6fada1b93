"""Domain fixtures: a plain SQLAlchemy session on an in-memory database with the courses tables (no Flask)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from courses.store import Base

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def db() -> Iterator[Session]:
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
