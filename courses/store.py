"""Published content: immutable versions of modules, quizzes and the framework; media blobs; build cache.

A new version row is written only when the compiled content changed; old versions stay, so that attempts,
statements and exports can always name the exact version they used. Media bytes live in the database so that
app servers need no shared disk.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class PublishedVersion:
    """The columns every published-version table shares; each table adds its item id column."""

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    source_path: Mapped[str] = mapped_column(String(500))
    compiled: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ModuleVersion(PublishedVersion, Base):
    __tablename__ = "course_module_version"
    __table_args__ = (UniqueConstraint("module_id", "version", name="uq_course_module_version"),)
    item_column = "module_id"

    module_id: Mapped[str] = mapped_column(String(100), index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    version_note: Mapped[str] = mapped_column(Text, default="")


class QuizVersion(PublishedVersion, Base):
    __tablename__ = "course_quiz_version"
    __table_args__ = (UniqueConstraint("quiz_id", "version", name="uq_course_quiz_version"),)
    item_column = "quiz_id"

    quiz_id: Mapped[str] = mapped_column(String(100), index=True)


class FrameworkVersion(PublishedVersion, Base):
    __tablename__ = "course_framework_version"
    __table_args__ = (UniqueConstraint("framework_id", "version", name="uq_course_framework_version"),)
    item_column = "framework_id"

    framework_id: Mapped[str] = mapped_column(String(100), index=True)


class MediaBlob(Base):
    __tablename__ = "course_media"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BuildCacheEntry(Base):
    """What the last successful build knew about one source file, so an unchanged file is not recompiled."""

    __tablename__ = "course_build_cache"

    path: Mapped[str] = mapped_column(String(500), primary_key=True)  # relative to the content folder
    kind: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    compiler: Mapped[str] = mapped_column(String(40))
    item_id: Mapped[str | None] = mapped_column(String(100))
    content_hash: Mapped[str] = mapped_column(String(64))
    fragment: Mapped[str] = mapped_column(Text)  # JSON: summary, definitions, references, deps, diagnostics
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


VERSION_MODELS = (ModuleVersion, QuizVersion, FrameworkVersion)


class RetiredItem(Base):
    """An item (module, quiz …) whose source file is gone: its versions stay, the catalogue leaves it out."""

    __tablename__ = "course_retired_item"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    retired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
