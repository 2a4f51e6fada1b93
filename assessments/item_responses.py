"""Quiz answers read back from xAPI ``answered`` statements, judged against each question's answer key.

The statements are the record, wherever the quiz ran: in the app or in an exported cmi5/xAPI package that
sends its statements to the record store. An answer is judged the way a report reads a ``cmi.interaction``:
its response against the question's correct responses pattern (choices in any order, a sequence in order,
a numeric range ``low[:]high``, fill-in text without the ``{case_matters=…}`` modifier).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
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
    return judge_for(question)(response)


def judge_for(question: Question) -> Callable[[str], float]:
    """A judge of one question's responses, its correct responses pattern parsed once."""
    kind = QUESTION_TYPES[question.type]
    interaction = kind.xapi_interaction_type
    parsed = [_parse(interaction, p) for p in kind.correct_responses_pattern(question)]
    if interaction == "numeric":
        return lambda response: 1.0 if any(_in_range(text, response) for _, text in parsed) else 0.0
    if interaction == "fill-in":
        return lambda response: 1.0 if any(_fill_in(p, response) for p in parsed) else 0.0
    if interaction == "sequencing":
        orders = {tuple(text.split("[,]")) for _, text in parsed}
        return lambda response: 1.0 if tuple(response.split("[,]")) in orders else 0.0
    sets = {frozenset(text.split("[,]")) for _, text in parsed}  # choices and pairs: any order
    return lambda response: 1.0 if frozenset(response.split("[,]")) in sets else 0.0


def _parse(interaction: str, pattern: str) -> tuple[bool, str]:
    """(case matters, the pattern without its ``{…}`` modifiers)."""
    modifiers = _MODIFIER.match(pattern)
    text = pattern[modifiers.end() :] if modifiers else pattern
    return bool(modifiers) and "case_matters=true" in modifiers.group(0), text


def _fill_in(parsed: tuple[bool, str], response: str) -> bool:
    sensitive, text = parsed
    a, b = text.strip(), response.strip()
    return a == b if sensitive else a.casefold() == b.casefold()


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


@dataclass(frozen=True, slots=True)
class RecordedAnswer:
    """The fields of an ``answered`` statement the analysis reads (the record store extracts them)."""

    activity_id: str
    registration: str | None
    timestamp: str | None
    response: str | None
    duration: str | None = None
    is_practice: bool = False


# The JSON paths of those fields, for ``learning_record_store.statement_fields`` (registration comes first).
ANSWER_PATHS = (
    ("object", "id"),
    ("timestamp",),
    ("result", "response"),
    ("result", "duration"),
    ("context", "extensions", PRACTICE),
)


def answer_of_row(row: Sequence[Any]) -> RecordedAnswer:
    registration, activity_id, timestamp, response, duration, practice = row
    return RecordedAnswer(
        activity_id, registration, timestamp, response, duration, practice not in (None, "false", 0, False)
    )


def answer_of(statement: Mapping[str, Any]) -> RecordedAnswer | None:
    """Read an ``answered`` statement (a JSON object); None for any other verb."""
    if (statement.get("verb") or {}).get("id") != ANSWERED:
        return None
    context, result = statement.get("context") or {}, statement.get("result") or {}
    return RecordedAnswer(
        str((statement.get("object") or {}).get("id", "")),
        context.get("registration"),
        statement.get("timestamp"),
        None if result.get("response") is None else str(result["response"]),
        result.get("duration"),
        bool((context.get("extensions") or {}).get(PRACTICE)),
    )


def _when(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


def responses_from(quiz: Quiz, quiz_iri_suffix: str, answers: Iterable[RecordedAnswer]) -> list[ItemResponse]:
    """Judge the recorded answers to a quiz's questions, the last answer per attempt and question.

    Time on a question is the answer's ``duration`` when it has one, else the time since the attempt's
    previous answer (none for its first answer, which has nothing to be measured from).
    """
    questions = {q.id: q for q in quiz.questions if q.type not in UNSCORED}
    judges = {qid: judge_for(q) for qid, q in questions.items()}
    latest: dict[tuple[str, str], tuple[datetime, RecordedAnswer]] = {}
    for answer in answers:
        question_id = question_id_of(answer.activity_id, quiz_iri_suffix)
        when = _when(answer.timestamp)
        if answer.is_practice or question_id not in questions or not answer.registration or when is None:
            continue
        key = (answer.registration, str(question_id))
        if key not in latest or latest[key][0] <= when:
            latest[key] = (when, answer)
    by_attempt: dict[str, list[tuple[datetime, str, RecordedAnswer]]] = {}
    for (attempt, question_id), (when, answer) in latest.items():
        by_attempt.setdefault(attempt, []).append((when, question_id, answer))
    responses = []
    for attempt, found in by_attempt.items():
        found.sort(key=lambda a: a[0])
        previous: datetime | None = None
        for when, question_id, answer in found:
            text = answer.response or ""
            seconds = seconds_of(answer.duration) if answer.duration else None
            if seconds is None and previous is not None:
                seconds = (when - previous).total_seconds()
            picked = _picked(questions[question_id], text)
            responses.append(ItemResponse(attempt, question_id, judges[question_id](text), picked, seconds))
            previous = when
    return responses


def _picked(question: Question, response: str) -> tuple[str, ...]:
    if question.type in ("single", "multiple", "true-false"):
        return tuple(part for part in response.split("[,]") if part)
    return ()
