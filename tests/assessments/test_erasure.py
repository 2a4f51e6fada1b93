"""Erasing a learner's answers: their responses go, their scores and other learners' answers stay."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from assessments import attempts
from assessments.erasure import erase_learner_answers
from tests.assessments.test_attempts import T0, make_quiz, start

ESSAY = "Because my manager Priya was rude to the caller."


def answered(session: Any, learner: str) -> Any:
    quiz = make_quiz()
    attempt = start(session, quiz, learner=learner)
    attempts.save_response(session, attempt, quiz, "greet", "a", now=T0)
    attempts.save_response(session, attempt, quiz, "why", ESSAY, now=T0)
    attempts.submit_attempt(session, attempt, quiz, {"both": ["a"]}, now=T0 + timedelta(minutes=1))
    session.commit()
    return attempt


def test_answers_are_blanked_and_scores_kept(session: Any) -> None:
    erased, kept = answered(session, "learner-1"), answered(session, "learner-2")
    assert erase_learner_answers(session, "learner-1") == {"attempts": 1, "responses": 3, "check_answers": 0}
    session.commit()
    session.expire_all()
    assert set(attempts.saved_responses(erased).values()) == {None}
    assert (erased.score_raw, erased.awaiting_review) == (1.0, False)
    assert {r.question_id: r.is_correct for r in erased.responses}["greet"] is True
    assert not any(r.awaiting_review for r in erased.responses)
    assert attempts.saved_responses(kept)["why"] == ESSAY and kept.awaiting_review
