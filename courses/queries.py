"""Reading published content. Versions are immutable, so deserialised ones are cached in-process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from assessments.model import Quiz
from courses.model import Framework, Module
from courses.retirement import is_retired, retired_ids
from courses.store import FrameworkVersion, MediaBlob, ModuleVersion, QuizVersion


@dataclass(frozen=True, slots=True)
class ModuleInfo:
    module_id: str
    version: int
    content_hash: str
    title: str
    minutes: int
    version_note: str
    published_at: datetime


@dataclass(frozen=True, slots=True)
class QuizInfo:
    quiz_id: str
    version: int
    content_hash: str
    title: str
    published_at: datetime


class PublishedModule(NamedTuple):
    """A published module version: ``info, module = get_module(...)``; ``.version`` for short."""

    info: ModuleInfo
    module: Module

    @property
    def version(self) -> int:
        return self.info.version


class PublishedQuiz(NamedTuple):
    info: QuizInfo
    quiz: Quiz

    @property
    def version(self) -> int:
        return self.info.version


@dataclass(frozen=True, slots=True)
class MediaFile:
    sha256: str
    media_type: str
    data: bytes


def _module_info(row: Any) -> ModuleInfo:
    return ModuleInfo(
        row.module_id,
        row.version,
        row.content_hash,
        row.title,
        row.minutes,
        row.version_note,
        row.published_at,
    )


_MODULE_COLUMNS = (
    ModuleVersion.module_id,
    ModuleVersion.version,
    ModuleVersion.content_hash,
    ModuleVersion.title,
    ModuleVersion.minutes,
    ModuleVersion.version_note,
    ModuleVersion.published_at,
)


def list_modules(session: Session) -> list[PublishedModule]:
    """Return the latest version of every module still in the content, by title."""
    latest = (
        select(ModuleVersion.module_id.label("item"), func.max(ModuleVersion.version).label("version"))
        .group_by(ModuleVersion.module_id)
        .subquery()
    )
    rows = session.execute(
        select(*_MODULE_COLUMNS).join(
            latest, (ModuleVersion.module_id == latest.c.item) & (ModuleVersion.version == latest.c.version)
        )
    )
    retired = retired_ids(session, "modules")
    infos = sorted(
        (_module_info(r) for r in rows if r.module_id not in retired),
        key=lambda info: (info.title.lower(), info.module_id),
    )
    return [PublishedModule(i, _load_module(session, i.module_id, i.version, i.content_hash)) for i in infos]


def module_versions(session: Session, module_id: str) -> list[ModuleInfo]:
    """Return every published version of a module, oldest first."""
    rows = session.execute(
        select(*_MODULE_COLUMNS).where(ModuleVersion.module_id == module_id).order_by(ModuleVersion.version)
    )
    return [_module_info(r) for r in rows]


# Built once: every page view looks its module version up.
_LATEST_MODULE_VERSION = (
    select(*_MODULE_COLUMNS)
    .where(ModuleVersion.module_id == bindparam("module_id"))
    .order_by(ModuleVersion.version.desc())
    .limit(1)
)
_MODULE_VERSION = select(*_MODULE_COLUMNS).where(
    ModuleVersion.module_id == bindparam("module_id"), ModuleVersion.version == bindparam("version")
)


def get_module(session: Session, module_id: str, version: int | None = None) -> PublishedModule | None:
    """Return a module version (the latest when ``version`` is None) with its info, or None."""
    query, params = (
        (_MODULE_VERSION, {"module_id": module_id, "version": version})
        if version is not None
        else (_LATEST_MODULE_VERSION, {"module_id": module_id})
    )
    row = session.connection().execute(query, params).first()  # Core rows: no ORM step on every page view
    if row is None:
        return None
    info = _module_info(row)
    return PublishedModule(info, _load_module(session, info.module_id, info.version, info.content_hash))


def get_quiz(session: Session, quiz_id: str, version: int | None = None) -> PublishedQuiz | None:
    """Return a quiz version with its info, or None; the latest when ``version`` is None.

    A retired quiz (its file removed) has no latest version, so no new attempt starts on it; an exact
    version still resolves, for the attempts and records that name it.
    """
    if version is None and is_retired(session, "quizzes", quiz_id):
        return None
    columns = (
        QuizVersion.quiz_id,
        QuizVersion.version,
        QuizVersion.content_hash,
        QuizVersion.title,
        QuizVersion.published_at,
    )
    query = select(*columns).where(QuizVersion.quiz_id == quiz_id)
    query = (
        query.where(QuizVersion.version == version)
        if version is not None
        else query.order_by(QuizVersion.version.desc()).limit(1)
    )
    row = session.execute(query).first()
    if row is None:
        return None
    info = QuizInfo(*row)
    return PublishedQuiz(info, _load_quiz(session, info.quiz_id, info.version, info.content_hash))


def list_quizzes(session: Session) -> list[PublishedQuiz]:
    """Return the latest version of every quiz still in the content."""
    latest = (
        select(QuizVersion.quiz_id.label("item"), func.max(QuizVersion.version).label("version"))
        .group_by(QuizVersion.quiz_id)
        .subquery()
    )
    columns = (
        QuizVersion.quiz_id,
        QuizVersion.version,
        QuizVersion.content_hash,
        QuizVersion.title,
        QuizVersion.published_at,
    )
    rows = session.execute(
        select(*columns).join(
            latest, (QuizVersion.quiz_id == latest.c.item) & (QuizVersion.version == latest.c.version)
        )
    )
    retired = retired_ids(session, "quizzes")
    infos = sorted((QuizInfo(*row) for row in rows if row.quiz_id not in retired), key=lambda i: i.quiz_id)
    return [PublishedQuiz(i, _load_quiz(session, i.quiz_id, i.version, i.content_hash)) for i in infos]


def get_framework(session: Session) -> Framework | None:
    """Return the latest published competency framework, or None before the first build."""
    row = session.execute(
        select(FrameworkVersion.id, FrameworkVersion.content_hash)
        .order_by(FrameworkVersion.id.desc())
        .limit(1)
    ).first()
    return _load_framework(session, row.id, row.content_hash) if row else None


def get_media(session: Session, sha256: str) -> bytes | None:
    """Return the bytes of a media file by its sha256, or None."""
    return session.scalar(select(MediaBlob.data).where(MediaBlob.sha256 == sha256))


def get_media_file(session: Session, sha256: str) -> MediaFile | None:
    """Return a media file with its media type, or None."""
    row = session.execute(
        select(MediaBlob.sha256, MediaBlob.media_type, MediaBlob.data).where(MediaBlob.sha256 == sha256)
    ).first()
    return MediaFile(*row) if row else None


# The content hash is part of each key: the same (id, version) in another database is other content.
_module_cache: dict[tuple[str, int, str], Module] = {}
_quiz_cache: dict[tuple[str, int, str], Quiz] = {}
_framework_cache: dict[tuple[int, str], Framework] = {}
CACHE_LIMIT = 2048


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> Any:
    if len(cache) >= CACHE_LIMIT:
        cache.pop(next(iter(cache)))
    cache[key] = value
    return value


def _load_module(session: Session, module_id: str, version: int, content_hash: str) -> Module:
    key = (module_id, version, content_hash)
    if key not in _module_cache:
        compiled = session.scalar(
            select(ModuleVersion.compiled).where(
                ModuleVersion.module_id == module_id, ModuleVersion.version == version
            )
        )
        _remember(_module_cache, key, Module.from_dict(json.loads(compiled or "null")))
    return _module_cache[key]


def _load_quiz(session: Session, quiz_id: str, version: int, content_hash: str) -> Quiz:
    key = (quiz_id, version, content_hash)
    if key not in _quiz_cache:
        compiled = session.scalar(
            select(QuizVersion.compiled).where(QuizVersion.quiz_id == quiz_id, QuizVersion.version == version)
        )
        _remember(_quiz_cache, key, Quiz.from_dict(json.loads(compiled or "null")))
    return _quiz_cache[key]


def _load_framework(session: Session, row_id: int, content_hash: str) -> Framework:
    key = (row_id, content_hash)
    if key not in _framework_cache:
        compiled = session.scalar(select(FrameworkVersion.compiled).where(FrameworkVersion.id == row_id))
        _remember(_framework_cache, key, Framework.from_dict(json.loads(compiled or "null")))
    return _framework_cache[key]
