"""Two-minute drills: start or resume one, show its next question, check an answer, finish.

A drill fixes its questions (and the ids their choices are shown under) when it starts, so leaving and
coming back shows the same questions; answers arrive in shown ids and are mapped back on the server, like
an attempt's. Each answer is rated for FSRS, reschedules the question's card and is recorded as an xAPI
statement in the same transaction. A drill left unfinished resumes on the next visit within
``DRILL_RESUME_HOURS`` and is closed after that.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from app.clock import now as utcnow
from app.learner import catalog, drill_pool, drill_record, recording
from app.learner.checks import Outcome, public_check
from app.learner.recording import Learner
from assessments.attempt_errors import InvalidResponseError
from assessments.attempt_grading import validate_response
from assessments.model import Question
from assessments.practice import AnswerRow, DrillRow, choose_from, new_card, rate, review, store
from assessments.question_types import QUESTION_TYPES, ResponseError
from assessments.shown_ids import draw_shown_ids, to_source

MAX_DURATION = timedelta(minutes=10)  # a longer gap is a learner who walked away, not a slow answer
_random = random.SystemRandom()


class DrillError(Exception):
    """A drill request that cannot be served; the views map each kind to an HTTP status."""


class NothingToPractiseError(DrillError):
    def __init__(self) -> None:
        super().__init__("there is nothing to practise yet")


class DrillNotFoundError(DrillError):
    def __init__(self, drill_id: int) -> None:
        super().__init__(f"no drill {drill_id}")


class DrillClosedError(DrillError):
    def __init__(self, drill_id: int) -> None:
        super().__init__(f"drill {drill_id} is finished or closed")


class AnsweredAlreadyError(DrillError):
    """A second tap on "Check" (or a resent form) for a question already answered."""

    def __init__(self, drill_id: int, number: int) -> None:
        super().__init__(f"question {number} of drill {drill_id} is already answered")
        self.drill_id, self.number = drill_id, number


class NotInDrillError(DrillError):
    def __init__(self, drill_id: int, number: int) -> None:
        super().__init__(f"drill {drill_id} has no question {number} to answer now")


@dataclass(frozen=True, slots=True)
class DrillQuestion:
    drill: DrillRow
    number: int  # 1-based
    total: int
    view: dict[str, Any]  # the public view, in the drill's shown ids


@dataclass(frozen=True, slots=True)
class AnswerFeedback:
    drill: DrillRow
    number: int
    total: int
    stem: str
    outcome: Outcome
    due: datetime  # when the question comes back

    @property
    def is_last(self) -> bool:
        return self.number >= self.total


def current(session: Session, learner: Learner, now: datetime | None = None) -> DrillRow | None:
    """The learner's open drill, or None; one left longer than DRILL_RESUME_HOURS is closed first."""
    drill = store.open_drill(session, learner.uid)
    now = now or utcnow()
    if drill is not None and now - drill.shown_at > timedelta(hours=resume_hours()):
        drill.closed_at = now
        session.flush()
        return None
    return drill


def start(session: Session, learner: Learner, user_id: int, *, rng: random.Random | None = None) -> DrillRow:
    """Resume the open drill, or start one from the learner's practice pool."""
    drill = current(session, learner)
    if drill is not None:
        return drill
    now = utcnow()
    rng = rng or _random
    pool = drill_pool.pool_for(session, learner.uid)
    focus = drill_pool.focus_for(session, learner.uid, user_id)
    # The order of a drill's questions is no secret (their shown ids are): a seeded generator draws it,
    # one number per due card, without a system call for each.
    order_rng = random.Random(rng.getrandbits(64))
    chosen = choose_from(pool, store.due_dates(session, learner.uid), focus, now, order_rng)
    if not chosen:
        raise NothingToPractiseError()
    items = [
        {
            "key": item.key,
            "source": item.source,
            "content_id": item.content_id,
            "version": item.version,
            "question_id": item.question.id,
            "ids": draw_shown_ids(item.question, rng),
        }
        for item in chosen
    ]
    return store.create_drill(session, learner.uid, items, now)


def find(session: Session, learner: Learner, drill_id: int) -> DrillRow:
    drill = store.get_drill(session, drill_id)
    if drill is None or drill.learner_id != learner.uid:
        raise DrillNotFoundError(drill_id)
    return drill


def question_of(session: Session, item: dict[str, Any]) -> Question:
    """The question an item names, in the version the drill was drawn from (looked up once a transaction)."""
    known: dict[tuple[str, str, int, str], Question] = session.info.setdefault("drill_questions", {})
    key = (item["source"], item["content_id"], item["version"], item["question_id"])
    if key not in known:
        known[key] = _look_up(session, item)
    return known[key]


def _look_up(session: Session, item: dict[str, Any]) -> Question:
    if item["source"] == "check":
        module = catalog.get_module(session, item["content_id"], item["version"]).module
        return next(q for q in module.checks if q.id == item["question_id"])
    return catalog.get_quiz(session, item["content_id"], item["version"]).quiz.question(item["question_id"])


def show(session: Session, drill: DrillRow) -> DrillQuestion:
    """Put the drill's next question in front of the learner (its answer time counts from now)."""
    item = drill.items[drill.position]
    drill.shown_at = utcnow()
    session.flush()
    return DrillQuestion(drill, drill.position + 1, len(drill.items), public_view(session, item))


def question_again(session: Session, drill: DrillRow, number: int) -> DrillQuestion:
    """Question ``number`` shown again after a refused answer: its answer time keeps running."""
    return DrillQuestion(drill, number, len(drill.items), public_view(session, drill.items[number - 1]))


def public_view(session: Session, item: dict[str, Any]) -> dict[str, Any]:
    """The item's question as the learner sees it: no key, choices under the drill's shown ids."""
    return public_check(question_of(session, item), item["ids"])


def answer(session: Session, learner: Learner, drill_id: int, number: int, value: Any) -> AnswerFeedback:
    """Check the answer to question ``number`` (1-based), reschedule it, record it; finish after the last."""
    drill = find(session, learner, drill_id)
    if 1 <= number <= drill.position:
        raise AnsweredAlreadyError(drill_id, number)
    if not drill.is_open:
        raise DrillClosedError(drill_id)
    if number != drill.position + 1:
        raise NotInDrillError(drill_id, number)
    item = drill.items[drill.position]
    question = question_of(session, item)
    if value is None:
        raise InvalidResponseError(question.id, "give an answer to check")
    try:
        response = validate_response(question, to_source(question, value, item["ids"]))
    except ResponseError as error:
        raise InvalidResponseError(question.id, str(error)) from None
    now = utcnow()
    duration = min(max(now - drill.shown_at, timedelta(0)), MAX_DURATION)
    scored = QUESTION_TYPES[question.type].score(question, response)
    share = scored.score / scored.max_score if scored.max_score else 0.0
    rating = rate(question.type, share, duration.total_seconds())
    milliseconds = int(duration.total_seconds() * 1000)
    card = store.reschedule(
        session,
        learner.uid,
        item["key"],
        lambda before: review(before or new_card(now), rating, now, duration_ms=milliseconds),
    )
    correct = bool(scored.correct)
    store.add_answer(
        session,
        drill,
        AnswerRow(
            position=drill.position,
            item_key=item["key"],
            response=response,
            value=share,
            is_correct=correct,
            rating=int(rating),
            duration_ms=milliseconds,
            answered_at=now,
            due_after=card.due,
            competencies=[ref.id for ref in question.competencies],
        ),
    )
    text = QUESTION_TYPES[question.type].format_response(question, response)
    statements = [
        drill_record.answered(
            learner,
            drill,
            item,
            question,
            response=text,
            score=scored.score,
            maximum=scored.max_score,
            correct=correct,
            duration=duration,
            when=now,
        )
    ]
    if drill.position >= len(drill.items):
        statements.append(_finish(drill, learner, now))
    recording.record(session, statements)
    return _feedback(drill, number, question)


def _finish(drill: DrillRow, learner: Learner, now: datetime) -> Any:
    drill.finished_at = now
    practised = tuple(dict.fromkeys(c for a in drill.answers for c in a.competencies))
    return drill_record.completed(learner, drill, practised, now - drill.started_at, now)


def feedback(session: Session, learner: Learner, drill_id: int, number: int) -> AnswerFeedback:
    """What the learner is told about their answer to question ``number``."""
    drill = find(session, learner, drill_id)
    if not 1 <= number <= drill.position:
        raise DrillNotFoundError(drill_id)
    return _feedback(drill, number, question_of(session, drill.items[number - 1]))


def _feedback(drill: DrillRow, number: int, question: Question) -> AnswerFeedback:
    row = drill.answers[number - 1]
    outcome = QUESTION_TYPES[question.type].score(question, row.response)
    texts = tuple(text for text in (*outcome.feedback, question.feedback) if text)
    return AnswerFeedback(
        drill, number, len(drill.items), question.stem, Outcome(row.is_correct, texts), row.due_after
    )


def resume_hours() -> float:
    return float(current_app.config.get("DRILL_RESUME_HOURS", 8))
