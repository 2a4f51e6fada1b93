"""Property-based tests of the scoring engine: any posted value is either refused with ResponseError or
scored within bounds; the xAPI response string of an accepted value is always a string; scores never leave
[0, maximum] and an all-right attempt always passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments import QUESTION_TYPES, Quiz, ResponseError, parse_quiz, score_attempt

FIXTURE = Path(__file__).parent.parent / "assessments" / "fixtures" / "all-types.md"

responses = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | st.sampled_from(["a", "b", "c", "1", "2", "3", "ID&V", "30", "true"]),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=3), children, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    parsed = parse_quiz(FIXTURE.read_text(), str(FIXTURE))
    assert parsed.quiz is not None
    return parsed.quiz


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_any_posted_value_is_refused_cleanly_or_scored_within_bounds(quiz, data):
    question = data.draw(st.sampled_from(quiz.questions))
    kind = QUESTION_TYPES[question.type]
    posted = data.draw(responses)
    try:
        value = kind.validate_response(question, posted)
    except ResponseError as error:
        assert str(error)
        return
    outcome = kind.score(question, value)
    if outcome.max_score:
        assert 0 <= outcome.score <= outcome.max_score
    assert isinstance(kind.format_response(question, value), str)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_attempt_scores_stay_within_bounds(quiz, data):
    accepted = {}
    for question in quiz.questions:
        kind = QUESTION_TYPES[question.type]
        try:
            accepted[question.id] = kind.validate_response(question, data.draw(responses))
        except ResponseError:
            continue
    ids = [question.id for question in quiz.questions if question.type != "essay"]
    score = score_attempt(quiz, ids, {qid: value for qid, value in accepted.items() if qid in ids})
    assert 0 <= score.raw <= score.maximum
    assert 0 <= score.percent <= 100
