"""Stable identifiers: derived from module ids only, so a new version of a module replaces the old one in
the LMS instead of being imported as a new course."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

MAX_JOINED_LENGTH = 80


def course_identifier(module_ids: Sequence[str]) -> str:
    """Return the manifest/course identifier of a package holding ``module_ids`` (order matters)."""
    joined = "--".join(module_ids)
    if len(joined) <= MAX_JOINED_LENGTH:
        return f"elearn-{joined}"
    digest = hashlib.sha256("\n".join(module_ids).encode()).hexdigest()[:16]
    return f"elearn-course-{digest}"


def item_identifier(module_id: str) -> str:
    return f"item-{module_id}"


def resource_identifier(module_id: str) -> str:
    return f"resource-{module_id}"


def objective_identifier(competency_id: str) -> str:
    return f"competency-{competency_id}"


def module_iri(activity_base: str, module_id: str) -> str:
    return f"{activity_base.rstrip('/')}/modules/{module_id}"


def course_iri(activity_base: str, module_ids: Sequence[str]) -> str:
    return f"{activity_base.rstrip('/')}/courses/{course_identifier(module_ids)}"


def quiz_iri(activity_base: str, quiz_id: str) -> str:
    return f"{activity_base.rstrip('/')}/quizzes/{quiz_id}"


def question_iri(activity_base: str, quiz_id: str, question_id: str) -> str:
    return f"{quiz_iri(activity_base, quiz_id)}/questions/{question_id}"


def competency_iri(activity_base: str, competency_id: str) -> str:
    return f"{activity_base.rstrip('/')}/competencies/{competency_id}"
