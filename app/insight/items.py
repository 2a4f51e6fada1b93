"""Item analysis of a published quiz version, read from the ``answered`` statements in the record store.

An attempt belongs to a version when it is one of our attempts at that version; an attempt the app never
saw (a quiz in an exported cmi5/xAPI package reporting to this store) counts for the latest version.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.learner import catalog
from assessments.item_analysis import QuizStatistics, analyse
from assessments.item_responses import (
    ANSWER_PATHS,
    ANSWERED,
    RecordedAnswer,
    answer_of_row,
    item_specs,
    question_id_of,
    responses_from,
)
from assessments.store import Attempt
from courses.store import QuizVersion
from learning_record_store import activity_ids_like, statement_fields


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


def analyse_quiz(
    session: Session, quiz_id: str, version: int, *, activity_base: str
) -> tuple[Any, QuizStatistics]:
    """Return the quiz version (ContentNotFoundError if unpublished) and its item statistics."""
    published = catalog.get_quiz(session, quiz_id, version)
    latest = catalog.get_quiz(session, quiz_id).version
    quiz = published.quiz
    quiz_iri = f"{activity_base.rstrip('/')}/quizzes/{quiz_id}"
    # The questions under this site's activity base, and under any other base statements used (a package
    # exported with another base URL, the site reached by another host name).
    ids = {q.id for q in quiz.questions}
    iris = {f"{quiz_iri}/questions/{q}" for q in ids}
    for known in activity_ids_like(session, f"%/quizzes/{quiz_id}/questions/%"):
        if question_id_of(known, f"/quizzes/{quiz_id}") in ids:
            iris.add(known)
    query = select(Attempt.registration, Attempt.quiz_version).where(Attempt.quiz_id == quiz_id)
    versions = {registration: number for registration, number in session.execute(query)}
    rows = statement_fields(session, sorted(iris), ANSWERED, ANSWER_PATHS)
    answers = _of_version(map(answer_of_row, rows), versions, version, is_latest=version == latest)
    return published, analyse(item_specs(quiz), responses_from(quiz, f"/quizzes/{quiz_id}", answers))


def _of_version(
    answers: Iterable[RecordedAnswer], versions: dict[str, int], version: int, *, is_latest: bool
) -> Iterator[RecordedAnswer]:
    for answer in answers:
        known = versions.get(answer.registration) if answer.registration else None
        if known == version or (known is None and is_latest):
            yield answer
