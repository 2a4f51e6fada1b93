"""Inline knowledge checks in the module player: show them without their key, answer them for practice.

A check is answered on its own, checked at once and its feedback shown straight away. Only the latest
answer is kept; checks never count toward the quiz score or the module's completion.

Like an attempt, a check shows its choices, steps and targets under ids of their own. A check has no attempt
row to keep drawn ids in, so they are derived from the app's secret key and the learner's random module
registration: the same on every visit, different for every learner, unpredictable from the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from app.clock import now as utcnow
from app.learner import catalog, recording
from app.learner.catalog import ModuleVersion
from app.learner.player import scene
from app.learner.recording import Learner
from assessments.attempt_errors import InvalidResponseError
from assessments.attempt_grading import validate_response
from assessments.check_answers import CheckAnswer, check_answers, save_check_answer
from assessments.model import Question
from assessments.progress import find_progress
from assessments.question_types import QUESTION_TYPES, ResponseError
from assessments.selection import ALWAYS_SHUFFLED
from assessments.shown_ids import ShownIds, keyed_shown_ids, shown_order, shown_view, to_shown, to_source
from assessments.store import ModuleProgress
from courses.model import Page


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the learner is told after answering: right or not, and why."""

    correct: bool | None  # None: a question type that is not marked right or wrong (likert, essay)
    feedback: tuple[str, ...]  # the picked choices' feedback, then the check's general feedback

    def as_json(self) -> dict[str, Any]:
        return {"correct": self.correct, "feedback": list(self.feedback)}


@dataclass(frozen=True, slots=True)
class CheckView:
    question: dict[str, Any]  # the public view: no answer key, feedback or correct flags
    saved: Any  # the learner's latest response, None before they answer
    outcome: Outcome | None  # shown only once they have answered


def find_check(module: ModuleVersion, check_id: str) -> Question:
    check = next((q for q in module.module.checks if q.id == check_id), None)
    if check is None:
        raise catalog.ContentNotFoundError(
            "knowledge check", f"{module.module.id}/{check_id}", module.version
        )
    return check


def learner_progress(session: Session, learner: Learner, module_id: str, version: int) -> ModuleProgress:
    progress = find_progress(session, learner_id=learner.uid, module_id=module_id, version=version)
    if progress is None:
        raise catalog.ContentNotFoundError("module progress", module_id, version)
    return progress


def shown_ids(question: Question, progress: ModuleProgress) -> ShownIds:
    key = current_app.secret_key
    secret = key if isinstance(key, bytes) else str(key).encode()
    return keyed_shown_ids(question, secret, progress.registration)


def public_check(question: Question, ids: ShownIds) -> dict[str, Any]:
    """The check as the learner sees it: its own ids; steps and targets in the order of those ids."""
    steps = shown_order(ids, "choices") if question.type in ALWAYS_SHUFFLED else None
    view = QUESTION_TYPES[question.type].public_view(question, steps, shown_order(ids, "targets") or None)
    return shown_view(view, ids)


def outcome(question: Question, response: Any) -> Outcome:
    scored = QUESTION_TYPES[question.type].score(question, response)
    feedback = tuple(text for text in (*scored.feedback, question.feedback) if text)
    return Outcome(scored.correct, feedback)


def page_checks(session: Session, learner: Learner, module: ModuleVersion, page: Page) -> list[CheckView]:
    """The checks of a page, in page order, with the learner's latest answers and their feedback."""
    if not page.check_ids:
        return []
    answers = check_answers(
        session, learner_id=learner.uid, module_id=module.module.id, version=module.version
    )
    progress = learner_progress(session, learner, module.module.id, module.version)
    views = []
    for check_id in page.check_ids:
        question = find_check(module, check_id)
        ids = shown_ids(question, progress)
        row: CheckAnswer | None = answers.get(check_id)
        saved = row.value["response"] if row else None
        views.append(
            CheckView(
                public_check(question, ids),
                to_shown(question, saved, ids),
                outcome(question, saved) if row else None,
            )
        )
    return views


def answer(
    session: Session, learner: Learner, module_id: str, version: int, check_id: str, value: Any
) -> Outcome:
    """Check the learner's answer to a knowledge check, keep it, record it answered (as practice)."""
    module = catalog.get_module(session, module_id, version)
    question = find_check(module, check_id)
    if value is None:
        raise InvalidResponseError(check_id, "give an answer to check")
    progress = learner_progress(session, learner, module_id, version)
    try:
        value = to_source(question, value, shown_ids(question, progress))
    except ResponseError as error:
        raise InvalidResponseError(check_id, str(error)) from None
    response = validate_response(question, value)
    result = outcome(question, response)
    now = utcnow()
    save_check_answer(
        session,
        learner_id=learner.uid,
        module_id=module_id,
        version=version,
        check_id=check_id,
        response=response,
        is_correct=result.correct,
        now=now,
    )
    where = scene(learner, module, progress.registration)
    text = QUESTION_TYPES[question.type].format_response(question, response)
    activity = recording.check_activity(where, question)
    recording.record(session, [recording.practised(where, activity, question, text, now)])
    return result
