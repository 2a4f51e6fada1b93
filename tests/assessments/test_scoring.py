"""Scoring whole attempts, drawing pools and shuffling deterministically, and grading across attempts."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments import (
    Quiz,
    ResponseError,
    grade_across_attempts,
    parse_quiz,
    score_attempt,
    select_questions,
)

FIXTURES = Path(__file__).parent / "fixtures"
ALL_RIGHT = {
    "single": "b",
    "multiple": ["a", "b"],
    "true-false": True,
    "fill-in": "ID&V",
    "numeric": 30,
    "numeric-range": 15,
    "matching": {"a": "1", "b": "2", "c": "3"},
    "ordering": ["a", "b", "c"],
    "likert": "a",
    "pool-one": False,
}
NO_ESSAY = [qid for qid in ALL_RIGHT]


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    parsed = parse_quiz((FIXTURES / "all-types.md").read_text(), "all-types.md")
    assert parsed.quiz is not None
    return parsed.quiz


def test_everything_right(quiz: Quiz) -> None:
    score = score_attempt(quiz, NO_ESSAY, ALL_RIGHT)
    assert (score.raw, score.maximum, score.percent, score.passed, score.pending) == (
        10,
        10,
        100,
        True,
        False,
    )
    assert score.per_question["likert"].max_score == 0


def test_points_and_pass_mark(quiz: Quiz) -> None:
    wrong = {**ALL_RIGHT, "multiple": ["c"], "single": "a"}  # lose 2 + 1 of 10 points
    score = score_attempt(quiz, NO_ESSAY, wrong)
    assert (score.raw, score.percent, score.passed) == (7, 70, False)  # pass mark 75
    unanswered = score_attempt(quiz, NO_ESSAY, {k: v for k, v in ALL_RIGHT.items() if k != "numeric"})
    assert (unanswered.raw, unanswered.percent, unanswered.passed) == (9, 90, True)


def test_competency_weights(quiz: Quiz) -> None:
    score = score_attempt(quiz, NO_ESSAY, {**ALL_RIGHT, "single": "a"})
    assert score.per_competency["call-opening"].raw == 0
    assert score.per_competency["call-opening"].maximum == 2  # weight 2 on a 1-point question
    assert score.per_competency["rapport"].maximum == 1
    empathy = score.per_competency["empathy"]
    assert (empathy.raw, empathy.maximum) == (9, 9)


def test_essays_leave_the_attempt_pending_until_graded(quiz: Quiz) -> None:
    ids = [*NO_ESSAY, "essay"]
    responses = {**ALL_RIGHT, "essay": "I can hear how frustrating this has been."}
    pending = score_attempt(quiz, ids, responses)
    assert pending.pending and pending.passed is None and pending.maximum == 11
    graded = score_attempt(quiz, ids, responses, manual_scores={"essay": 1})
    assert not graded.pending and graded.passed and graded.raw == 11


def test_responses_to_questions_outside_the_attempt_are_refused(quiz: Quiz) -> None:
    with pytest.raises(ResponseError):
        score_attempt(quiz, ["single"], {"single": "b", "multiple": ["a"]})


def test_selection_is_deterministic_and_draws_pools(quiz: Quiz) -> None:
    first, again = select_questions(quiz, 42), select_questions(quiz, 42)
    assert first == again
    ids = first.question_ids
    assert len([qid for qid in ids if qid.startswith("pool-")]) == 1
    assert {qid for qid in ids if not qid.startswith("pool-")} == {q.id for q in quiz.questions} - {
        "pool-one",
        "pool-two",
    }
    drawn = {select_questions(quiz, seed).question_ids[-1] for seed in range(30)}
    assert drawn == {"pool-one", "pool-two"}


def test_shuffling_keeps_pinned_choices_and_never_shows_the_order(quiz: Quiz) -> None:
    orders = [select_questions(quiz, seed) for seed in range(40)]
    single_orders = {selection.choice_orders["single"] for selection in orders}
    assert len(single_orders) > 1  # shuffle_choices is on
    assert all(order[2] == "c" for order in single_orders)  # "None of these" is pinned last
    assert all(selection.choice_orders["ordering"] != ("a", "b", "c") for selection in orders)
    assert all(selection.choice_orders["likert"] == ("a", "b", "c") for selection in orders)
    assert all(set(selection.target_orders["matching"]) == {"1", "2", "3", "4"} for selection in orders)
    item = next(iter(orders[0]))
    assert item.question.id == orders[0].question_ids[0]


def test_grade_across_attempts(quiz: Quiz) -> None:
    low = score_attempt(quiz, NO_ESSAY, {**ALL_RIGHT, "single": "a"})
    high = score_attempt(quiz, NO_ESSAY, ALL_RIGHT)
    assert grade_across_attempts("highest", [high, low]) is high
    assert grade_across_attempts("last", [high, low]) is low
    assert grade_across_attempts("highest", []) is None
    with pytest.raises(ValueError):
        grade_across_attempts("average", [low])
