"""Quiz answers read back from xAPI ``answered`` statements, judged against each question's answer key.

The statements are the record, wherever the quiz ran: in the app or in an exported cmi5/xAPI package that
sends its statements to the record store. An answer is judged the way a report reads a ``cmi.interaction``:
its response against the question's correct responses pattern (choices in any order, a sequence in order,
a numeric range ``low[:]high``, fill-in text without the ``{case_matters=…}`` modifier).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from assessments.item_analysis import ItemResponse, ItemSpec
from assessments.model import Question, Quiz
from assessments.question_types import QUESTION_TYPES

UNSCORED = frozenset({"likert", "essay"})  # no right answer to judge against
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
PRACTICE = "https://elearn.example/xapi/extensions/practice"
_MODIFIER = re.compile(r"^(\{[a-z_]+=[^}]*\})+")
_DURATION = re.compile(r"^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$")


def item_specs(quiz: Quiz) -> list[ItemSpec]:
    """The quiz's judged questions, as the analysis names them and their choices."""
    return [_spec(q) for q in quiz.questions if q.type not in UNSCORED]


def _spec(question: Question) -> ItemSpec:
    if question.type == "true-false":
        answer = "true" if question.key.get("answer") else "false"
        return ItemSpec(question.id, question.stem, ("true", "false"), frozenset({answer}))
    if question.type in ("single", "multiple"):
        ids = tuple(c.id for c in question.choices)
        return ItemSpec(
            question.id, question.stem, ids, frozenset(c.id for c in question.choices if c.correct)
        )
    return ItemSpec(question.id, question.stem)


def question_id_of(activity_id: str, quiz_iri_suffix: str) -> str | None:
    """The question id in ``…/quizzes/<quiz>/questions/<id>``, or None for any other activity."""
    head, _, tail = activity_id.rpartition("/questions/")
    return tail if head.endswith(quiz_iri_suffix) and tail else None


def judge(question: Question, response: str) -> float:
    """1.0 when the response matches one of the question's correct responses, else 0.0."""
    kind = QUESTION_TYPES[question.type]
    patterns = kind.correct_responses_pattern(question)
    interaction = kind.xapi_interaction_type
    return 1.0 if any(_matches(interaction, p, response) for p in patterns) else 0.0


def _matches(interaction: str, pattern: str, response: str) -> bool:
    modifiers = _MODIFIER.match(pattern)
    pattern = pattern[modifiers.end() :] if modifiers else pattern
    if interaction == "numeric":
        return _in_range(pattern, response)
    if interaction == "fill-in":
        sensitive = bool(modifiers) and "case_matters=true" in modifiers.group(0)
        a, b = pattern.strip(), response.strip()
        return a == b if sensitive else a.casefold() == b.casefold()
    if interaction == "sequencing":
        return pattern.split("[,]") == response.split("[,]")
    return sorted(pattern.split("[,]")) == sorted(response.split("[,]"))


def _in_range(pattern: str, response: str) -> bool:
    try:
        value = float(response)
        if "[:]" not in pattern:
            return abs(value - float(pattern)) < 1e-9
        low, high = pattern.split("[:]", 1)
        return (not low or value >= float(low) - 1e-9) and (not high or value <= float(high) + 1e-9)
    except ValueError:
        return False


def seconds_of(duration: str) -> float | None:
    """Seconds of an ISO 8601 duration ``PT#H#M#S`` (None when it is some other form)."""
    found = _DURATION.match(duration)
    if not found:
        return None
    hours, minutes, seconds = (float(part or 0) for part in found.groups())
    return hours * 3600 + minutes * 60 + seconds


def _when(statement: Mapping[str, Any]) -> datetime | None:
    text = statement.get("timestamp") or statement.get("stored")
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


def responses_from(
    quiz: Quiz, quiz_iri_suffix: str, statements: Iterable[Mapping[str, Any]]
) -> list[ItemResponse]:
    """Judge the ``answered`` statements of a quiz's questions, the last answer per attempt and question.

    Time on a question is the statement's ``result.duration`` when it has one, else the time since the
    attempt's previous answer (none for its first answer, which has nothing to be measured from).
    """
    questions = {q.id: q for q in quiz.questions if q.type not in UNSCORED}
    latest: dict[tuple[str, str], tuple[datetime, Mapping[str, Any]]] = {}
    for statement in statements:
        found = _answer(statement, questions, quiz_iri_suffix)
        if found is not None:
            key, when = found
            if key not in latest or latest[key][0] <= when:
                latest[key] = (when, statement)
    by_attempt: dict[str, list[tuple[datetime, str, Mapping[str, Any]]]] = {}
    for (attempt, question_id), (when, statement) in latest.items():
        by_attempt.setdefault(attempt, []).append((when, question_id, statement))
    responses = []
    for attempt, answers in by_attempt.items():
        answers.sort(key=lambda a: a[0])
        previous: datetime | None = None
        for when, question_id, statement in answers:
            result = statement.get("result") or {}
            text = str(result.get("response", ""))
            seconds = seconds_of(str(result["duration"])) if "duration" in result else None
            if seconds is None and previous is not None:
                seconds = (when - previous).total_seconds()
            responses.append(
                ItemResponse(
                    attempt,
                    question_id,
                    judge(questions[question_id], text),
                    _picked(questions[question_id], text),
                    seconds,
                )
            )
            previous = when
    return responses


def _answer(
    statement: Mapping[str, Any], questions: Mapping[str, Question], quiz_iri_suffix: str
) -> tuple[tuple[str, str], datetime] | None:
    if (statement.get("verb") or {}).get("id") != ANSWERED:
        return None
    context = statement.get("context") or {}
    if (context.get("extensions") or {}).get(PRACTICE):
        return None
    question_id = question_id_of(str((statement.get("object") or {}).get("id", "")), quiz_iri_suffix)
    registration, when = context.get("registration"), _when(statement)
    if question_id not in questions or not registration or when is None:
        return None
    return (str(registration), str(question_id)), when


def _picked(question: Question, response: str) -> tuple[str, ...]:
    if question.type in ("single", "multiple", "true-false"):
        return tuple(part for part in response.split("[,]") if part)
    return ()
