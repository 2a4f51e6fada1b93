"""Evidence as a mentor reads it: the question's title and whether the answer was right, never an IRI."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

import courses
from assessments.mastery_tables import EvidenceRow
from assessments.model import Question
from courses import PublishedQuiz

QuizLookup = Callable[[str], PublishedQuiz | None]

_QUESTION = re.compile(r"/quizzes/(?P<quiz>[^/?#]+)/questions/(?P<question>[^/?#]+)")
_QUIZ = re.compile(r"/quizzes/(?P<quiz>[^/?#]+)/?$")


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    at: datetime
    title: str  # the question (or activity) in words
    source: str  # the quiz it belongs to, or what kind of evidence it is
    outcome: str  # "right", "wrong", "partly right" or what happened ("completed")
    tone: str  # good, bad, warn or muted (for the badge)
    value: float
    weight: float
    estimate_after: float
    statement_id: str


def outcome_of(value: float) -> tuple[str, str]:
    """Word a question's score: 1 is right, 0 is wrong, anything between is partly right."""
    if value >= 0.999:
        return "right", "good"
    if value <= 0.001:
        return "wrong", "bad"
    return "partly right", "warn"


def describe(session: Session, rows: Sequence[EvidenceRow]) -> list[EvidenceLine]:
    """Return each piece of evidence with the title of its question and its outcome."""
    quizzes: dict[str, PublishedQuiz | None] = {}

    def quiz(quiz_id: str) -> PublishedQuiz | None:
        if quiz_id not in quizzes:
            quizzes[quiz_id] = courses.get_quiz(session, quiz_id)
        return quizzes[quiz_id]

    return [_line(row, quiz) for row in rows]


def _line(row: EvidenceRow, quiz: QuizLookup) -> EvidenceLine:
    verb = row.verb.rsplit("/", 1)[-1]
    found = _QUESTION.search(row.activity)
    if found:
        published = quiz(found["quiz"])
        question = _question(published, found["question"])
        title = question.stem if question else _words(found["question"])
        source = published.info.title if published else _words(found["quiz"])
        outcome, tone = outcome_of(row.value)
    else:
        whole = _QUIZ.search(row.activity)
        published = quiz(whole["quiz"]) if whole else None
        title = published.info.title if published else _words(row.activity.rstrip("/").rsplit("/", 1)[-1])
        source = "Quiz" if whole else "Activity"
        outcome, tone = verb, "muted"
    return EvidenceLine(
        row.at, title, source, outcome, tone, row.value, row.weight, row.estimate_after, row.statement_id
    )


def _question(published: PublishedQuiz | None, question_id: str) -> Question | None:
    if published is None:
        return None
    try:
        return published.quiz.question(question_id)
    except KeyError:  # a question retired from a later version of the quiz
        return None


def _words(slug: str) -> str:
    return slug.replace("-", " ").replace("_", " ").capitalize()
