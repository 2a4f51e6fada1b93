"""Courses: the content format and its compiler (Markdown in, frozen dataclasses out), published versions.

``build_content(session, content_dir)`` compiles and publishes (flushing, never committing); the queries read
what was published. Nothing here imports Flask.

    report = build_content(session, Path("content"))        # report.ok, report.diagnostics, report.published
    info, module = get_module(session, "call-opening")       # latest version; version=N for an exact one
    info, quiz = get_quiz(session, module.quiz_id)
    data = get_media(session, module.media[0].sha256)        # bytes of an image or recording
    for published in list_modules(session):                  # latest version of each module
        print(published.info.module_id, published.version, published.module.title)

Versions are immutable, so the deserialised modules and quizzes are cached per process.
"""

from __future__ import annotations

from courses.build import BuildReport, build_content
from courses.diagnostics import Diagnostic
from courses.kinds import CONTENT_KINDS, ContentKind, Fragment, register_kind
from courses.model import Competency, Framework, Media, Module, Page
from courses.queries import (
    MediaFile,
    ModuleInfo,
    PublishedModule,
    PublishedQuiz,
    QuizInfo,
    get_framework,
    get_media,
    get_media_file,
    get_module,
    get_quiz,
    list_modules,
    list_quizzes,
    module_versions,
)
from courses.stamp import CatalogueStamp, catalogue_stamp

__all__ = [
    "CONTENT_KINDS",
    "BuildReport",
    "CatalogueStamp",
    "Competency",
    "ContentKind",
    "Diagnostic",
    "Fragment",
    "Framework",
    "Media",
    "MediaFile",
    "Module",
    "ModuleInfo",
    "Page",
    "PublishedModule",
    "PublishedQuiz",
    "QuizInfo",
    "build_content",
    "catalogue_stamp",
    "get_framework",
    "get_media",
    "get_media_file",
    "get_module",
    "get_quiz",
    "list_modules",
    "list_quizzes",
    "module_versions",
    "register_kind",
]
