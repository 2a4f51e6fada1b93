"""Published content as the learner pages need it; a missing module or quiz is a domain error (404)."""

from __future__ import annotations

from sqlalchemy.orm import Session

import courses
from courses import CatalogueStamp
from courses import PublishedModule as ModuleVersion
from courses import PublishedQuiz as QuizVersion
from courses.model import Framework

__all__ = [
    "CatalogueStamp",
    "ContentNotFoundError",
    "ModuleVersion",
    "QuizVersion",
    "catalogue_stamp",
    "get_framework",
    "get_module",
    "get_quiz",
    "get_quiz_to_take",
    "list_modules",
    "list_quizzes",
]


class ContentNotFoundError(LookupError):
    def __init__(self, kind: str, content_id: str, version: int | None = None) -> None:
        suffix = f" version {version}" if version is not None else ""
        super().__init__(f"no published {kind} {content_id!r}{suffix}")
        self.kind, self.content_id, self.version = kind, content_id, version


def list_modules(session: Session) -> list[ModuleVersion]:
    """Return the latest version of every published module, by title."""
    return courses.list_modules(session)


def get_module(session: Session, module_id: str, version: int | None = None) -> ModuleVersion:
    found = courses.get_module(session, module_id, version)
    if found is None:
        raise ContentNotFoundError("module", module_id, version)
    return found


def get_quiz(session: Session, quiz_id: str, version: int | None = None) -> QuizVersion:
    found = courses.get_quiz(session, quiz_id, version)
    if found is None:
        raise ContentNotFoundError("quiz", quiz_id, version)
    return found


def get_quiz_to_take(session: Session, quiz_id: str) -> QuizVersion:
    """The latest version of a quiz a learner may attempt: a practice bank is drilled, never taken."""
    found = get_quiz(session, quiz_id)
    if found.quiz.practice:
        raise ContentNotFoundError("quiz", quiz_id)
    return found


def list_quizzes(session: Session) -> list[QuizVersion]:
    """Return the latest version of every quiz still in the content (practice banks included)."""
    return courses.list_quizzes(session)


def get_framework(session: Session) -> Framework | None:
    return courses.get_framework(session)


def catalogue_stamp(session: Session) -> CatalogueStamp:
    """What identifies the published content: it changes whenever a build publishes or retires something."""
    return courses.catalogue_stamp(session)
