"""The registry of content kinds, in build order. A new kind (e.g. the follow-up playbook) adds itself with
``register_kind`` and gets discovery, diagnostics, cross-references and incremental builds for free."""

from __future__ import annotations

from courses.kinds.base import ContentKind, Definition, Fragment, PublishResult, Source, freeze
from courses.kinds.framework import FrameworkKind
from courses.kinds.modules import ModulesKind
from courses.kinds.playbook import PlaybookKind
from courses.kinds.quizzes import QuizzesKind

CONTENT_KINDS: dict[str, ContentKind] = {}


def register_kind(kind: ContentKind) -> None:
    """Add a kind of content to every build."""
    CONTENT_KINDS[kind.name] = kind


for _kind in (FrameworkKind(), QuizzesKind(), ModulesKind(), PlaybookKind()):
    register_kind(_kind)

__all__ = [
    "CONTENT_KINDS",
    "ContentKind",
    "Definition",
    "Fragment",
    "PublishResult",
    "Source",
    "freeze",
    "register_kind",
]
