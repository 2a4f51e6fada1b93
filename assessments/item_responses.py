"""Quiz answers judged against each question's answer key, per attempt, for item analysis.

An answer is judged the way a report reads a ``cmi.interaction``: its response against the question's
correct responses pattern (choices in any order, a sequence in order, a numeric range ``low[:]high``,
fill-in text without the ``{case_matters=…}`` modifier). Judging happens when a report is read, against
the quiz version the report is about: keys change from one version to the next.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter

from assessments.item_analysis import ItemResponse, ItemSpec
from assessments.model import Question, Quiz
from assessments.question_types import QUESTION_TYPES
from assessments.recorded_answers import RecordedAnswer

UNSCORED = frozenset({"likert", "essay"})  # no right answer to judge against
_MODIFIER = re.compile(r"^(\{[a-z_]+=[^}]*\})+")


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


# An answer as judging reads it (a row of the answer table, in its column order): the order it was stored
# in, the registration (the attempt), the question id, when it was given (microseconds since 1970), the
# response and the seconds of its own ``result.duration``. Plain tuples: a report judges 100,000 of them.
StoredAnswer = tuple[int, str, str, int, str | None, float | None]


def stored_answers(answers: Iterable[RecordedAnswer], quiz_id: str) -> list[StoredAnswer]:
    """The answers to one quiz, in the given order, as judging reads them."""
    return [
        (n, a.registration, a.question_id, a.answered_us, a.response, a.seconds)
        for n, a in enumerate(answers)
        if a.quiz_id == quiz_id
    ]


def responses_from(quiz: Quiz, answers: Iterable[StoredAnswer]) -> list[ItemResponse]:
    """Judge the answers to a quiz's questions (see ``judged_attempts``), attempt after attempt."""
    return [response for attempt in judged_attempts(quiz, answers) for response in attempt]


def judged_attempts(quiz: Quiz, answers: Iterable[StoredAnswer]) -> Iterator[list[ItemResponse]]:
    """Judge the answers to a quiz's questions, attempt by attempt: the latest answer to each question
    counts (the one stored last, between answers given at the same instant).

    Time on a question is the answer's ``duration`` when it has one, else the time since the attempt's
    previous answer (none for its first answer, which has nothing to be measured from).
    """
    questions = {q.id: q for q in quiz.questions if q.type not in UNSCORED}
    by_attempt: dict[str, list[StoredAnswer]] = {}
    for answer in answers:
        if answer[2] in questions:
            by_attempt.setdefault(answer[1], []).append(answer)
    judged: dict[tuple[str, str | None], tuple[float, tuple[str, ...]]] = {}  # each response judged once
    for attempt, found in by_attempt.items():
        found.sort(key=_IN_TIME)
        latest = {answer[2]: answer for answer in found}  # in time order, so the latest one stays
        if len(latest) < len(found):
            found = sorted(latest.values(), key=_IN_TIME)
        mine = []
        previous: int | None = None
        for _order, _registration, question_id, answered_us, response, seconds in found:
            if seconds is None and previous is not None:
                seconds = (answered_us - previous) / 1e6
            verdict = judged.get((question_id, response))
            if verdict is None:
                verdict = judged[question_id, response] = _judge(questions[question_id], response or "")
            mine.append(ItemResponse(attempt, question_id, verdict[0], verdict[1], seconds))
            previous = answered_us
        yield mine


_IN_TIME = itemgetter(3, 0)  # when it was given, then the order it was stored in


def _judge(question: Question, response: str) -> tuple[float, tuple[str, ...]]:
    """The score and the choices picked."""
    return judge(question, response), _picked(question, response)


def _picked(question: Question, response: str) -> tuple[str, ...]:
    if question.type in ("single", "multiple", "true-false"):
        return tuple(part for part in response.split("[,]") if part)
    return ()
