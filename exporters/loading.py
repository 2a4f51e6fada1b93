"""Gathering what a package needs from the published content: modules, quizzes, media, the framework."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

import courses

from .bundle import ModuleBundle
from .errors import ExportError


class UnknownModuleError(ExportError):
    def __init__(self, module_id: str) -> None:
        super().__init__(f"no published module {module_id!r}")
        self.module_id = module_id


def load_bundle(session: Session, module_id: str) -> ModuleBundle:
    """Return the latest published version of a module with its quiz and media bytes."""
    published = courses.get_module(session, module_id)
    if published is None:
        raise UnknownModuleError(module_id)
    module = published.module
    quiz = None
    if module.quiz_id:
        published_quiz = courses.get_quiz(session, module.quiz_id)
        if published_quiz is None:
            raise ExportError(f"{module_id}: its quiz {module.quiz_id!r} is not published")
        quiz = published_quiz.quiz
    media = {}
    for item in module.media:
        content = courses.get_media(session, item.sha256)
        if content is not None:
            media[item.sha256] = content
    return ModuleBundle(module, quiz, media, published.version)


def load_bundles(session: Session, module_ids: Sequence[str]) -> list[ModuleBundle]:
    """Return the bundles of ``module_ids``, in that order."""
    return [load_bundle(session, module_id) for module_id in module_ids]


def load_framework(session: Session) -> courses.Framework | None:
    return courses.get_framework(session)
