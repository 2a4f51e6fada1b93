"""Taking a quiz: start or resume an attempt, save each answer, submit once; every step recorded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.clock import now as utcnow
from app.learner import catalog, recording
from app.learner.catalog import QuizVersion
from app.learner.player import completion_statements
from app.learner.player import scene as module_scene
from app.learner.recording import Learner, Scene
from assessments import attempts, progress
from assessments.model import CompetencyRef
from assessments.question_types import QUESTION_TYPES
from assessments.store import Attempt
from learning_record_store.vocabulary import Verb


@dataclass(frozen=True, slots=True)
class QuizOverview:
    quiz: QuizVersion
    module_id: str | None
    history: list[Attempt]
    open_attempt: Attempt | None

    @property
    def attempts_left(self) -> int | None:
        limit = self.quiz.quiz.settings.attempts
        return None if not limit else max(0, limit - len(self.history))


@dataclass(frozen=True, slots=True)
class AttemptPage:
    attempt: Attempt
    quiz: QuizVersion
    questions: list[dict[str, Any]]  # public views, in the drawn order, without answer keys
    saved: dict[str, Any]  # question id -> the saved response


def scene(learner: Learner, attempt: Attempt, quiz: QuizVersion) -> Scene:
    return Scene(
        learner=learner,
        registration=attempt.registration,
        module_id=attempt.module_id,  # None for a quiz taken on its own: no parent module
        module_title=attempt.module_id or "",
        module_version=attempt.module_version,
        competencies=tuple(CompetencyRef(c) for c in quiz.quiz.competencies),
        grouping=recording.curriculum_iri(learner),
    )


def overview(session: Session, learner: Learner, quiz_id: str, module_id: str | None) -> QuizOverview:
    quiz = catalog.get_quiz(session, quiz_id)
    history = attempts.attempt_history(session, learner_id=learner.uid, quiz_id=quiz_id)
    for attempt in history:
        close_if_expired(session, learner, attempt)
    current = next((a for a in history if a.is_open), None)
    return QuizOverview(quiz, module_id, history, current)


def start(
    session: Session, learner: Learner, quiz_id: str, module_id: str | None, *, seed: int | None = None
) -> Attempt:
    """Resume the open attempt at this quiz, or start one (AttemptsExhaustedError past the limit).

    ``seed`` fixes the draw of questions (the demo history); by default every attempt draws at random.
    """
    current = attempts.open_attempt(session, learner_id=learner.uid, quiz_id=quiz_id)
    if current is not None and not close_if_expired(session, learner, current):
        return current
    quiz = catalog.get_quiz(session, quiz_id)
    module_version = None
    if module_id is not None:
        found = progress.find_progress(session, learner_id=learner.uid, module_id=module_id)
        module_version = found.module_version if found else catalog.get_module(session, module_id).version
    now = utcnow()
    attempt = attempts.start_attempt(
        session,
        quiz.quiz,
        learner_id=learner.uid,
        quiz_version=quiz.version,
        module_id=module_id,
        module_version=module_version,
        now=now,
        seed=seed,
    )
    where = scene(learner, attempt, quiz)
    activity = recording.quiz_activity(where, quiz.quiz.id, quiz.quiz.title)
    recording.record(
        session,
        [recording.lifecycle(where, verb, activity, now) for verb in (Verb.LAUNCHED, Verb.INITIALIZED)],
    )
    return attempt


def attempt_page(session: Session, learner: Learner, attempt_id: int) -> AttemptPage:
    """The open attempt with its questions and saved answers; a suspended attempt is resumed."""
    attempt = attempts.get_attempt(session, attempt_id, learner_id=learner.uid)
    quiz = catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version)
    if close_if_expired(session, learner, attempt) or not attempt.is_open:
        return AttemptPage(attempt, quiz, [], {})
    if attempts.resume_attempt(session, attempt):
        _record_lifecycle(session, learner, attempt, quiz, Verb.RESUMED)
    questions = [public_question(quiz, attempt, qid) for qid in attempt.question_ids]
    saved = {row.question_id: row.value["response"] for row in attempt.responses}
    return AttemptPage(attempt, quiz, questions, saved)


def questions_of(session: Session, learner: Learner, attempt_id: int) -> list[dict[str, Any]]:
    """The public views of the attempt's questions, in order (no answer keys)."""
    attempt = attempts.get_attempt(session, attempt_id, learner_id=learner.uid)
    quiz = catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version)
    return [public_question(quiz, attempt, qid) for qid in attempt.question_ids]


def public_question(quiz: QuizVersion, attempt: Attempt, question_id: str) -> dict[str, Any]:
    question = quiz.quiz.question(question_id)
    order = attempt.choice_order.get(question_id) or {}
    shown = {"choice_order": order.get("choice") or None}
    if order.get("target"):  # only matching questions have targets to order
        shown["target_order"] = order["target"]
    return QUESTION_TYPES[question.type].public_view(question, **shown)


def save_answer(session: Session, learner: Learner, attempt_id: int, question_id: str, value: Any) -> Attempt:
    """Save one answer of the learner's open attempt and record it answered."""
    attempt = attempts.get_attempt(session, attempt_id, learner_id=learner.uid)
    quiz = catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version)
    if close_if_expired(session, learner, attempt):
        raise attempts.AttemptClosedError(attempt.id, "time is up")
    if not attempt.is_open:
        raise attempts.AttemptClosedError(attempt.id, "already submitted")
    now = utcnow()
    row = attempts.save_response(session, attempt, quiz.quiz, question_id, value, now=now)
    _record_answered(session, learner, attempt, quiz, question_id, row.value["response"], now)
    return attempt


def save_answers(session: Session, learner: Learner, attempt_id: int, answers: Mapping[str, Any]) -> None:
    for question_id, value in answers.items():
        save_answer(session, learner, attempt_id, question_id, value)


def suspend(session: Session, learner: Learner, attempt_id: int) -> Attempt:
    """Note that the learner left the attempt; they resume it from My learning on any device."""
    attempt = attempts.get_attempt(session, attempt_id, learner_id=learner.uid)
    if attempts.suspend_attempt(session, attempt):
        quiz = catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version)
        _record_lifecycle(session, learner, attempt, quiz, Verb.SUSPENDED)
    return attempt


def submit(
    session: Session, learner: Learner, attempt_id: int, answers: Mapping[str, Any] | None = None
) -> attempts.Submission:
    """Save the answers sent with the submit, then grade the attempt exactly once."""
    attempt = attempts.get_attempt(session, attempt_id, learner_id=learner.uid)
    quiz = catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version)
    now = utcnow()
    submission = attempts.submit_attempt(session, attempt, quiz.quiz, answers, now=now)
    for row in submission.saved:
        _record_answered(session, learner, attempt, quiz, row.question_id, row.value["response"], now)
    if submission.is_new:
        _record_graded(session, learner, attempt, quiz, now)
    return submission


def close_if_expired(session: Session, learner: Learner, attempt: Attempt) -> bool:
    """Close an attempt whose time is up (grading its saved answers); True when this call closed it."""
    if not attempt.is_open or not attempts.is_expired(attempt, utcnow()):
        return False
    quiz = catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version)
    now = utcnow()
    if attempts.close_if_expired(session, attempt, quiz.quiz, now=now):
        _record_graded(session, learner, attempt, quiz, now)
    return True


def finish_review(session: Session, learner: Learner, attempt: Attempt) -> bool:
    """After a mentor graded the attempt's last essay: settle its score, record passed or failed."""
    quiz = catalog.get_quiz(session, attempt.quiz_id, attempt.quiz_version)
    if not attempts.finish_review(attempt, quiz.quiz):
        return False
    now = utcnow()
    where = scene(learner, attempt, quiz)
    activity = recording.quiz_activity(where, quiz.quiz.id, quiz.quiz.title)
    raw, maximum = attempt.score_raw or 0.0, attempt.score_max or 0.0
    statements = [
        recording.graded(where, activity, raw=raw, maximum=maximum, passed=bool(attempt.passed), when=now)
    ]
    recording.record(session, statements + _complete_module(session, learner, attempt, now))
    return True


def _record_lifecycle(
    session: Session, learner: Learner, attempt: Attempt, quiz: QuizVersion, verb: str
) -> None:
    where = scene(learner, attempt, quiz)
    activity = recording.quiz_activity(where, quiz.quiz.id, quiz.quiz.title)
    recording.record(session, [recording.lifecycle(where, verb, activity, utcnow())])


def _record_answered(
    session: Session,
    learner: Learner,
    attempt: Attempt,
    quiz: QuizVersion,
    question_id: str,
    response: Any,
    now: datetime,
) -> None:
    question = quiz.quiz.question(question_id)
    where = scene(learner, attempt, quiz)
    activity = recording.question_activity(where, quiz.quiz.id, question)
    text = QUESTION_TYPES[question.type].format_response(question, response)
    recording.record(session, [recording.answered(where, activity, question, text, now)])


def _record_graded(
    session: Session, learner: Learner, attempt: Attempt, quiz: QuizVersion, now: datetime
) -> None:
    where = scene(learner, attempt, quiz)
    activity = recording.quiz_activity(where, quiz.quiz.id, quiz.quiz.title)
    statements = [
        recording.lifecycle(where, Verb.COMPLETED, activity, now, result=recording.completed_result())
    ]
    if attempt.passed is not None:  # None while a mentor has essays to grade: passed or failed comes then
        raw, maximum = attempt.score_raw or 0.0, attempt.score_max or 0.0
        statements.append(
            recording.graded(where, activity, raw=raw, maximum=maximum, passed=attempt.passed, when=now)
        )
    statements.append(recording.lifecycle(where, Verb.TERMINATED, activity, now))
    statements += _complete_module(session, learner, attempt, now)
    recording.record(session, statements)


def _complete_module(
    session: Session, learner: Learner, attempt: Attempt, now: datetime
) -> list[recording.Statement]:
    """A passed quiz completes every unfinished module of the learner that requires it and is fully read."""
    if not attempt.passed:
        return []
    statements: list[recording.Statement] = []
    for row in progress.learner_progress(session, learner.uid):
        if row.completed_at is not None:
            continue
        module = catalog.get_module(session, row.module_id, row.module_version)
        if module.module.quiz_id == attempt.quiz_id and progress.complete_if_done(
            row, quiz_passed=True, now=now
        ):
            statements += completion_statements(module_scene(learner, module, row.registration), now)
    return statements
