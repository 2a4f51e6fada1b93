"""Item analysis of a published quiz version, from the answers kept as ``answered`` statements are stored
(``app.insight.answers``): the app's own attempts and those of exported cmi5/xAPI packages alike.

An attempt belongs to a version when it is one of our attempts at that version; an attempt the app never
saw (a quiz in an exported package reporting to this store) counts for the latest version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.learner import catalog
from assessments.answer_store import answers_to_version
from assessments.item_analysis import QuizStatistics, Tally
from assessments.item_responses import item_specs, judged_attempts
from courses.store import QuizVersion


@dataclass(frozen=True, slots=True)
class QuizListing:
    quiz_id: str
    title: str
    versions: tuple[int, ...]  # newest first


def list_quizzes(session: Session) -> list[QuizListing]:
    """Every published quiz with its versions, by title."""
    rows = session.execute(select(QuizVersion.quiz_id, QuizVersion.version, QuizVersion.title))
    found: dict[str, tuple[str, list[int]]] = {}
    for quiz_id, version, title in sorted(rows, key=lambda r: r.version, reverse=True):
        found.setdefault(quiz_id, (title, []))[1].append(version)
    listings = [QuizListing(q, title, tuple(v)) for q, (title, v) in found.items()]
    return sorted(listings, key=lambda q: q.title.casefold())


def analyse_quiz(session: Session, quiz_id: str, version: int) -> tuple[Any, QuizStatistics]:
    """Return the quiz version (ContentNotFoundError if unpublished) and its item statistics."""
    published = catalog.get_quiz(session, quiz_id, version)
    latest = catalog.get_quiz(session, quiz_id).version
    answers = answers_to_version(session, quiz_id, version, is_latest=version == latest)
    quiz = published.quiz
    tally = Tally(item_specs(quiz))
    for attempt in judged_attempts(quiz, answers):
        tally.add(attempt)
    return published, tally.statistics()
