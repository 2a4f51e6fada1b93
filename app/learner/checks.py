"""Inline knowledge checks in the module player: show them without their key, answer them for practice.

A check is answered on its own, checked at once and its feedback shown straight away. Only the latest
answer is kept; checks never count toward the quiz score or the module's completion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from app.clock import now as utcnow
from app.learner import catalog, recording
from app.learner.catalog import ModuleVersion
from app.learner.player import scene
from app.learner.recording import Learner
from app.learner.responses import PREFIX, RESPONSE_READERS
from assessments.attempt_errors import InvalidResponseError
from assessments.attempt_grading import validate_response
from assessments.check_answers import CheckAnswer, check_answers, save_check_answer
from assessments.model import Question
from assessments.progress import find_progress
from assessments.question_types import QUESTION_TYPES
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
    views = []
    for check_id in page.check_ids:
        question = find_check(module, check_id)
        row: CheckAnswer | None = answers.get(check_id)
        saved = row.value["response"] if row else None
        views.append(
            CheckView(
                QUESTION_TYPES[question.type].public_view(question),
                saved,
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
    response = validate_response(question, value)
    progress = find_progress(session, learner_id=learner.uid, module_id=module_id, version=version)
    if progress is None:
        raise catalog.ContentNotFoundError("module progress", module_id, version)
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


def read_form(
    session: Session, form: MultiDict[str, str], module_id: str, version: int, check_id: str
) -> Any:
    """Read a check's answer from its plain form, with the quiz's readers (None when nothing was picked)."""
    question = find_check(catalog.get_module(session, module_id, version), check_id)
    view = QUESTION_TYPES[question.type].public_view(question)
    for name in form:
        if name.startswith(PREFIX) and name[len(PREFIX) :].split(".", 1)[0] != check_id:
            raise InvalidResponseError(check_id, f"unexpected field {name!r}")
    value = RESPONSE_READERS[question.type](form, check_id, view)
    return None if value == [] else value


def page_number(session: Session, module_id: str, version: int, check_id: str) -> int:
    """The 1-based number of the page that holds the check (where a plain form returns to)."""
    module = catalog.get_module(session, module_id, version)
    find_check(module, check_id)
    return next(number for number, p in enumerate(module.module.pages, 1) if check_id in p.check_ids)
