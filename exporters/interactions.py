"""Questions as interactions, described by the question-type registry of ``assessments``, so the app, its
xAPI statements and the packages describe a question the same way (xAPI 1.0.3 / SCORM 2004 syntax:
``a[,]b``, ``a[.]x``, ``{case_matters=false}text``, ``10[:]20``; the SCORM 1.2 runtime converts to 1.2)."""

from __future__ import annotations

from typing import Any

from assessments import QUESTION_TYPES
from assessments.model import Question


def interaction_type(question: Question) -> str:
    """Return the xAPI/SCORM 2004 interaction type of ``question``."""
    return QUESTION_TYPES[question.type].xapi_interaction_type


def correct_responses_pattern(question: Question) -> list[str]:
    """Return the correct-response patterns of ``question`` (empty when nothing is 'correct')."""
    return list(QUESTION_TYPES[question.type].correct_responses_pattern(question))


def interaction_components(question: Question) -> dict[str, list[dict[str, Any]]]:
    """Return the xAPI interaction components (choices, source/target, scale) of ``question``."""
    return dict(QUESTION_TYPES[question.type].interaction_components(question))
