"""Attempts on a plain session: drawing, saving, tampering, time limits, the attempts limit, one grading."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from assessments import attempts
from assessments.attempt_errors import (
    AttemptClosedError,
    AttemptNotFoundError,
    AttemptsExhaustedError,
    InvalidResponseError,
    QuestionNotInAttemptError,
)
from assessments.model import Choice, CompetencyRef, Pool, Question, Quiz, QuizSettings
from assessments.store import Response

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def choice(cid: str, *, correct: bool = False) -> Choice:
    return Choice(cid, f"choice {cid}", f"<p>choice {cid}</p>", correct=correct)


def make_quiz(**settings: Any) -> Quiz:
    questions = (
        Question(
            "greet",
            "single",
            "Greet?",
            "<p>Greet?</p>",
            (CompetencyRef("call-opening"),),
            choices=(choice("a", correct=True), choice("b"), choice("c")),
        ),
        Question(
            "both",
            "multiple",
            "Both?",
            "<p>Both?</p>",
            (CompetencyRef("call-opening", 2),),
            points=2,
            choices=(choice("a", correct=True), choice("b", correct=True), choice("c")),
        ),
        Question("why", "essay", "Why?", "<p>Why?</p>", (CompetencyRef("empathy"),), key={"words": None}),
        Question("p1", "true-false", "P1?", "<p>P1?</p>", (CompetencyRef("empathy"),), key={"answer": True}),
        Question("p2", "true-false", "P2?", "<p>P2?</p>", (CompetencyRef("empathy"),), key={"answer": False}),
    )
    defaults = {"pass_mark": 50.0, "shuffle_choices": True, "shuffle_questions": True}
    return Quiz(
        "q",
        "Quiz",
        ("call-opening",),
        QuizSettings(**{**defaults, **settings}),
        questions,
        pools=(Pool(1, ("p1", "p2")),),
    )


def start(session: Any, quiz: Quiz, *, learner: str = "learner-1", seed: int = 7, now: datetime = T0) -> Any:
    return attempts.start_attempt(session, quiz, learner_id=learner, quiz_version=1, now=now, seed=seed)


def test_an_attempt_fixes_its_questions_and_choice_order(session: Any) -> None:
    quiz = make_quiz()
    first = start(session, quiz, seed=11)
    session.commit()
    stored = attempts.get_attempt(session, first.id, learner_id="learner-1")
    assert len(stored.question_ids) == 4  # three plain questions and one drawn from the pool of two
    assert len({"p1", "p2"} & set(stored.question_ids)) == 1
    assert sorted(stored.choice_order["greet"]["choice"]) == ["a", "b", "c"]
    again = start(session, quiz, learner="learner-2", seed=11)
    assert again.question_ids == stored.question_ids
    orders = {qid: (o["choice"], o["target"]) for qid, o in stored.choice_order.items()}
    assert {qid: (o["choice"], o["target"]) for qid, o in again.choice_order.items()} == orders
    # The ids shown to the learner are drawn afresh for every attempt, whatever the seed.
    shown = attempts.shown_ids(stored, "greet")["choices"]
    assert sorted(shown) == ["a", "b", "c"] and not set(shown.values()) & {"a", "b", "c"}
    assert attempts.shown_ids(again, "greet")["choices"] != shown
    assert again.registration != stored.registration


def test_answers_are_upserted_and_validated(session: Any) -> None:
    quiz = make_quiz()
    attempt = start(session, quiz)
    attempts.save_response(session, attempt, quiz, "greet", "b", now=T0)
    attempts.save_response(session, attempt, quiz, "greet", "a", now=T0)
    attempts.save_response(session, attempt, quiz, "both", ["b", "a"], now=T0)
    rows = session.scalars(select(Response).where(Response.attempt_id == attempt.id)).all()
    assert {r.question_id: r.value["response"] for r in rows} == {"greet": "a", "both": ["a", "b"]}
    with pytest.raises(InvalidResponseError):
        attempts.save_response(session, attempt, quiz, "greet", "zz", now=T0)
    with pytest.raises(InvalidResponseError):
        attempts.save_response(session, attempt, quiz, "both", "a", now=T0)
    outside = ({"p1", "p2"} - set(attempt.question_ids)).pop()
    with pytest.raises(QuestionNotInAttemptError):
        attempts.save_response(session, attempt, quiz, outside, True, now=T0)
    assert attempts.saved_responses(attempt) == {"greet": "a", "both": ["a", "b"]}


def test_someone_elses_attempt_is_not_found(session: Any) -> None:
    attempt = start(session, make_quiz())
    with pytest.raises(AttemptNotFoundError):
        attempts.get_attempt(session, attempt.id, learner_id="learner-2")


def test_submit_grades_once_and_closes_the_attempt(session: Any) -> None:
    quiz = make_quiz()
    attempt = start(session, quiz)
    attempts.save_response(session, attempt, quiz, "greet", "a", now=T0)
    attempts.save_response(session, attempt, quiz, "why", "Because the caller is upset.", now=T0)
    first = attempts.submit_attempt(session, attempt, quiz, {"both": ["a"]}, now=T0 + timedelta(minutes=1))
    assert first.is_new
    assert attempt.status == "submitted"
    assert attempt.score_raw == 1.0  # greet right, both wrong (no partial credit), essay pending
    assert attempt.awaiting_review and attempt.passed is None
    rows = {r.question_id: r for r in attempt.responses}
    assert rows["why"].awaiting_review and rows["greet"].is_correct and rows["both"].is_correct is False
    second = attempts.submit_attempt(session, attempt, quiz, {"greet": "b"}, now=T0 + timedelta(minutes=2))
    assert not second.is_new
    assert attempts.saved_responses(attempt)["greet"] == "a"
    with pytest.raises(AttemptClosedError):
        attempts.save_response(session, attempt, quiz, "greet", "b", now=T0 + timedelta(minutes=3))


def _submit_all_right_with_an_essay(session: Any, quiz: Quiz, essay: str) -> Any:
    attempt = start(session, quiz)
    pooled = next(qid for qid in attempt.question_ids if qid in ("p1", "p2"))
    answers = {"greet": "a", "both": ["a", "b"], pooled: pooled == "p1", "why": essay}
    attempts.submit_attempt(session, attempt, quiz, answers, now=T0 + timedelta(minutes=1))
    return attempt


@pytest.mark.parametrize(("grade", "passed"), [(0.5, True), (0.0, False)])
def test_grading_the_last_essay_settles_score_and_pass(session: Any, grade: float, passed: bool) -> None:
    quiz = make_quiz(pass_mark=90.0)
    attempt = _submit_all_right_with_an_essay(session, quiz, "Because the caller is upset.")
    # 4 of 5 points so far; the essay counts as 0 until graded, and there is no pass or fail yet
    assert (attempt.score_raw, attempt.score_max, attempt.passed) == (4.0, 5.0, None)
    assert not attempts.finish_review(attempt, quiz)  # the essay still awaits its mentor
    essay = next(r for r in attempt.responses if r.question_id == "why")
    essay.awaiting_review, essay.score = False, grade
    assert attempts.finish_review(attempt, quiz)
    assert (attempt.score_raw, attempt.score_max) == (4.0 + grade, 5.0)
    assert attempt.passed is passed and not attempt.awaiting_review  # 90% passes the 90% mark; 80% fails
    assert not attempts.finish_review(attempt, quiz)  # settled once


def test_a_blank_essay_scores_nothing_and_needs_no_mentor(session: Any) -> None:
    quiz = make_quiz(pass_mark=80.0)
    attempt = _submit_all_right_with_an_essay(session, quiz, "   ")
    assert (attempt.score_raw, attempt.score_max, attempt.passed) == (4.0, 5.0, True)
    assert not attempt.awaiting_review


def test_two_sessions_submitting_the_same_attempt_grade_it_once(app: Any, session: Any) -> None:
    from app.database import get_db

    quiz = make_quiz()
    attempt = start(session, quiz)
    attempts.save_response(session, attempt, quiz, "greet", "a", now=T0)
    session.commit()
    other = get_db(app).session_factory()
    stale = attempts.get_attempt(other, attempt.id, learner_id="learner-1")
    other.commit()  # the other tab loaded the open attempt, then the first tab submits
    assert attempts.submit_attempt(session, attempt, quiz, now=T0).is_new
    session.commit()
    assert stale.submitted_at is None
    assert not attempts.submit_attempt(other, stale, quiz, {"greet": "b"}, now=T0).is_new
    other.commit()
    assert stale.submitted_at is not None
    other.close()
    session.expire_all()
    assert attempts.saved_responses(attempts.get_attempt(session, attempt.id, learner_id="learner-1")) == {
        "greet": "a"
    }


def test_time_limit_with_grace_period(session: Any) -> None:
    quiz = make_quiz(time_limit_minutes=10)
    attempt = start(session, quiz)
    assert attempt.deadline == T0 + timedelta(minutes=10)
    attempts.save_response(session, attempt, quiz, "greet", "a", now=T0 + timedelta(minutes=10, seconds=20))
    late = T0 + timedelta(minutes=10) + attempts.GRACE_PERIOD + timedelta(seconds=1)
    with pytest.raises(AttemptClosedError):
        attempts.save_response(session, attempt, quiz, "both", ["a", "b"], now=late)
    submission = attempts.submit_attempt(session, attempt, quiz, {"both": ["a", "b"]}, now=late)
    assert submission.is_new and attempt.status == "timed_out"
    assert attempts.saved_responses(attempt) == {"greet": "a"}  # answers sent too late do not count
    assert attempt.score_raw == 1.0


def test_a_late_submission_within_the_grace_period_counts(session: Any) -> None:
    quiz = make_quiz(time_limit_minutes=10)
    attempt = start(session, quiz)
    within = T0 + timedelta(minutes=10) + attempts.GRACE_PERIOD - timedelta(seconds=1)
    attempts.submit_attempt(session, attempt, quiz, {"both": ["a", "b"]}, now=within)
    assert attempt.status == "submitted" and attempt.score_raw == 2.0


def test_an_expired_attempt_closes_with_its_saved_answers(session: Any) -> None:
    quiz = make_quiz(time_limit_minutes=5)
    attempt = start(session, quiz)
    attempts.save_response(session, attempt, quiz, "greet", "a", now=T0)
    assert not attempts.close_if_expired(session, attempt, quiz, now=T0 + timedelta(minutes=5))
    assert attempts.close_if_expired(session, attempt, quiz, now=T0 + timedelta(hours=1))
    assert attempt.status == "timed_out" and attempt.score_raw == 1.0


def test_attempts_limit(session: Any) -> None:
    quiz = make_quiz(attempts=2)
    for _ in range(2):
        attempts.submit_attempt(session, start(session, quiz), quiz, now=T0)
    with pytest.raises(AttemptsExhaustedError):
        start(session, quiz)
    assert session.scalar(select(func.count()).select_from(attempts.Attempt)) == 2
    start(session, quiz, learner="learner-2")  # the limit is per learner


def test_suspend_and_resume(session: Any) -> None:
    quiz = make_quiz()
    attempt = start(session, quiz)
    assert attempts.suspend_attempt(session, attempt, now=T0)
    assert not attempts.suspend_attempt(session, attempt, now=T0)
    assert attempts.resume_attempt(session, attempt)
    assert not attempts.resume_attempt(session, attempt)
