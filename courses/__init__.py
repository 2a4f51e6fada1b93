"""Courses: the content format and its compiler (Markdown in, frozen dataclasses out), published versions.

``build_content(session, content_dir)`` compiles and publishes; the queries read what was published. Nothing
here imports Flask.
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
    module_versions,
)

__all__ = [
    "CONTENT_KINDS",
    "BuildReport",
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
    "get_framework",
    "get_media",
    "get_media_file",
    "get_module",
    "get_quiz",
    "list_modules",
    "module_versions",
    "register_kind",
]
