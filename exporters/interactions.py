"""Questions as interactions: the type names and correct-response patterns of xAPI and SCORM 2004.

The patterns come from the question-type registry of ``assessments`` when it provides them, so the app,
its xAPI statements and the packages describe a question the same way. The table below is the fallback
for a registry without them; both follow the xAPI 1.0.3 / SCORM 2004 pattern syntax (``a[,]b``,
``a[.]x``, ``{case_matters=false}text``, ``10[:]20``). The SCORM 1.2 runtime converts them to 1.2 syntax.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assessments.model import Question

INTERACTION_TYPES: dict[str, str] = {
    "single": "choice",
    "multiple": "choice",
    "true-false": "true-false",
    "fill-in": "fill-in",
    "numeric": "numeric",
    "matching": "matching",
    "ordering": "sequencing",
    "likert": "likert",
    "essay": "long-fill-in",
}


def _number(value: float) -> str:
    return f"{value:g}" if float(value) != int(value) else str(int(value))


def _choice_patterns(question: Question) -> list[str]:
    return ["[,]".join(c.id for c in question.choices if c.correct)]


def _true_false_patterns(question: Question) -> list[str]:
    return ["true" if question.key.get("answer") else "false"]


def _fill_in_patterns(question: Question) -> list[str]:
    case_matters = "true" if question.key.get("case") == "sensitive" else "false"
    return [f"{{case_matters={case_matters}}}{answer}" for answer in question.key.get("answers", ())]


def _numeric_patterns(question: Question) -> list[str]:
    key = question.key
    if "min" in key or "max" in key:
        return [f"{_number(key['min'])}[:]{_number(key['max'])}"]
    answer, tolerance = float(key["answer"]), float(key.get("tolerance") or 0)
    if tolerance:
        return [f"{_number(answer - tolerance)}[:]{_number(answer + tolerance)}"]
    return [_number(answer)]


def _matching_patterns(question: Question) -> list[str]:
    return ["[,]".join(f"{c.id}[.]{c.match}" for c in question.choices if c.match)]


def _ordering_patterns(question: Question) -> list[str]:
    return ["[,]".join(c.id for c in question.choices)]


def _no_patterns(question: Question) -> list[str]:
    return []


FALLBACK_PATTERNS: dict[str, Callable[[Question], list[str]]] = {
    "single": _choice_patterns,
    "multiple": _choice_patterns,
    "true-false": _true_false_patterns,
    "fill-in": _fill_in_patterns,
    "numeric": _numeric_patterns,
    "matching": _matching_patterns,
    "ordering": _ordering_patterns,
    "likert": _no_patterns,
    "essay": _no_patterns,
}


def _registry_entry(question: Question) -> Any:
    try:
        from assessments import QUESTION_TYPES  # type: ignore[attr-defined]
    except ImportError:
        return None
    return QUESTION_TYPES.get(question.type)


def interaction_type(question: Question) -> str:
    """Return the xAPI/SCORM 2004 interaction type of ``question``."""
    entry = _registry_entry(question)
    return getattr(entry, "xapi_interaction_type", None) or INTERACTION_TYPES[question.type]


def correct_responses_pattern(question: Question) -> list[str]:
    """Return the correct-response patterns of ``question`` (empty when nothing is 'correct')."""
    entry = _registry_entry(question)
    if entry is not None and hasattr(entry, "correct_responses_pattern"):
        return list(entry.correct_responses_pattern(question))
    return FALLBACK_PATTERNS[question.type](question)
