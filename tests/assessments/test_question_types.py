"""Every question type from one fixture quiz: parsing, structure, scoring, xAPI and the public view."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assessments import QUESTION_TYPES, Question, Quiz, ResponseError, parse_quiz

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    parsed = parse_quiz((FIXTURES / "all-types.md").read_text(), "all-types.md")
    assert [d.format() for d in parsed.diagnostics if d.is_error] == []
    assert parsed.quiz is not None
    return parsed.quiz


def question(quiz: Quiz, question_id: str) -> Question:
    return quiz.question(question_id)


def test_quiz_settings_and_inherited_competencies(quiz: Quiz) -> None:
    assert quiz.id == "all-types" and quiz.settings.pass_mark == 75 and quiz.settings.shuffle_choices
    assert [p.question_ids for p in quiz.pools] == [("pool-one", "pool-two")]
    assert [(c.id, c.weight) for c in question(quiz, "single").competencies] == [
        ("call-opening", 2),
        ("rapport", 1),
    ]
    assert [c.id for c in question(quiz, "true-false").competencies] == ["empathy"]


def test_single_structure(quiz: Quiz) -> None:
    single = question(quiz, "single")
    assert [(c.id, c.text, c.correct, c.pinned) for c in single.choices] == [
        ("a", "Acme", False, False),
        ("b", "Kestrel Home", True, False),
        ("c", "None of these", False, True),
    ]
    assert single.choices[0].feedback == "Not us."
    assert single.hint == "Look at your badge." and single.feedback == "Always say the company name."
    assert single.stem == "Which company do you work for?"
    assert "{#single}" not in single.stem_html


def test_compiled_keys(quiz: Quiz) -> None:
    assert question(quiz, "multiple").key == {"partial": True}
    assert question(quiz, "multiple").points == 2
    assert question(quiz, "true-false").key == {"answer": True}
    assert question(quiz, "fill-in").key["answers"] == ["ID&V", "identity and verification"]
    assert question(quiz, "numeric").key == {"answer": 30, "tolerance": 5}
    assert question(quiz, "numeric-range").key == {"min": 10, "max": 20}
    assert question(quiz, "essay").key == {
        "words": [30, 200],
        "rubric": "Names the feeling; offers a next step.",
    }
    assert "third time" in question(quiz, "essay").stem_html
    matching = question(quiz, "matching")
    assert [(c.id, c.match) for c in matching.choices] == [("a", "1"), ("b", "2"), ("c", "3")]
    assert [t.text for t in matching.targets][-1] == "Transfer to billing"
    assert [c.text for c in question(quiz, "ordering").choices] == ["Greeting", "Open question", "Security"]
    assert question(quiz, "likert").points == 0


# (question id, response, score, correct)
SCORING = [
    ("single", "b", 1, True),
    ("single", "a", 0, False),
    ("single", None, 0, False),
    ("multiple", ["a", "b"], 2, True),
    ("multiple", ["b", "a"], 2, True),
    ("multiple", ["a"], 1, False),  # partial: one of two right picks
    ("multiple", ["a", "c"], 0, False),  # one right minus one wrong
    ("multiple", ["c", "d"], 0, False),  # never below zero
    ("true-false", True, 1, True),
    ("true-false", "false", 0, False),
    ("fill-in", "  id&v ", 1, True),
    ("fill-in", "Identity   and verification", 1, True),
    ("fill-in", "ID and V", 1, True),  # by the pattern
    ("fill-in", "verification", 0, False),
    ("numeric", 34, 1, True),
    ("numeric", "25", 1, True),
    ("numeric", "1,034", 0, False),  # a comma groups thousands
    ("numeric", 36, 0, False),
    ("numeric-range", 20, 1, True),
    ("numeric-range", 9.99, 0, False),
    ("matching", {"a": "1", "b": "2", "c": "3"}, 1, True),
    ("matching", {"a": "1", "b": "3", "c": "4"}, pytest.approx(1 / 3), False),
    ("ordering", ["a", "b", "c"], 1, True),
    ("ordering", ["b", "a", "c"], 0, False),
    ("likert", "c", 0, None),
]


@pytest.mark.parametrize(("question_id", "response", "score", "correct"), SCORING)
def test_scoring(quiz: Quiz, question_id: str, response: Any, score: float, correct: bool | None) -> None:
    item = question(quiz, question_id)
    outcome = QUESTION_TYPES[item.type].score(item, response)
    assert (outcome.score, outcome.correct) == (score, correct)


def test_choice_feedback_follows_the_pick(quiz: Quiz) -> None:
    item = question(quiz, "single")
    assert QUESTION_TYPES["single"].score(item, "a").feedback == ("Not us.",)


def test_likert_scores_nothing_and_essay_waits_for_a_mentor(quiz: Quiz) -> None:
    likert = QUESTION_TYPES["likert"].score(question(quiz, "likert"), "a")
    assert (likert.score, likert.max_score, likert.correct) == (0, 0, None)
    essay = QUESTION_TYPES["essay"].score(question(quiz, "essay"), "I can hear how frustrating this is.")
    assert essay.pending and essay.correct is None and essay.max_score == 1
    blank = QUESTION_TYPES["essay"].score(question(quiz, "essay"), "   ")
    assert not blank.pending and blank.correct is False


# (question id, tampered response, part of the message)
TAMPERED = [
    ("single", "z", 'unknown choice "z"'),
    ("single", ["b"], "by its id"),
    ("multiple", "a", "must be a list"),
    ("multiple", ["a", "a"], "more than once"),
    ("multiple", ["a", "zz"], 'unknown choice "zz"'),
    ("true-false", 1, "true or false"),
    ("fill-in", 42, "must be text"),
    ("fill-in", "x" * 1001, "at most 1000"),
    ("numeric", True, "not a boolean"),
    ("numeric", "thirty", "must be a number"),
    ("numeric", "2,5", "write decimals with a point"),
    ("numeric", float("nan"), "finite"),
    ("matching", ["a"], "must map"),
    ("matching", {"q": "1"}, 'unknown item "q"'),
    ("matching", {"a": "9"}, 'unknown target "9"'),
    ("ordering", ["a", "b"], "every step exactly once"),
    ("ordering", ["a", "b", "b"], "every step exactly once"),
    ("likert", "z", "point on the scale"),
    ("essay", {"text": "hi"}, "must be text"),
]


@pytest.mark.parametrize(("question_id", "response", "message"), TAMPERED)
def test_tampered_responses_are_refused(quiz: Quiz, question_id: str, response: Any, message: str) -> None:
    item = question(quiz, question_id)
    with pytest.raises(ResponseError, match=message.replace("(", r"\(")):
        QUESTION_TYPES[item.type].validate_response(item, response)
    with pytest.raises(ResponseError):
        QUESTION_TYPES[item.type].score(item, response)


# (question id, interaction type, correct responses pattern, response, formatted response)
XAPI = [
    ("single", "choice", ["b"], "b", "b"),
    ("multiple", "choice", ["a[,]b"], ["b", "a"], "a[,]b"),
    ("true-false", "true-false", ["true"], False, "false"),
    (
        "fill-in",
        "fill-in",
        ["{case_matters=false}ID&V", "{case_matters=false}identity and verification"],
        "idv",
        "idv",
    ),
    ("numeric", "numeric", ["25[:]35"], "31", "31"),
    ("numeric-range", "numeric", ["10[:]20"], 12.5, "12.5"),
    ("matching", "matching", ["a[.]1[,]b[.]2[,]c[.]3"], {"b": "2", "a": "4"}, "a[.]4[,]b[.]2"),
    ("ordering", "sequencing", ["a[,]b[,]c"], ["c", "a", "b"], "c[,]a[,]b"),
    ("likert", "likert", [], "b", "b"),
    ("essay", "long-fill-in", [], "Some text", "Some text"),
]


@pytest.mark.parametrize(("question_id", "interaction", "pattern", "response", "formatted"), XAPI)
def test_xapi(
    quiz: Quiz, question_id: str, interaction: str, pattern: list[str], response: Any, formatted: str
) -> None:
    item = question(quiz, question_id)
    kind = QUESTION_TYPES[item.type]
    assert kind.xapi_interaction_type == interaction
    assert kind.correct_responses_pattern(item) == pattern
    assert kind.format_response(item, response) == formatted


def test_interaction_components(quiz: Quiz) -> None:
    single = QUESTION_TYPES["single"].interaction_components(question(quiz, "single"))
    assert single["choices"][1] == {"id": "b", "description": {"en": "Kestrel Home"}}
    matching = QUESTION_TYPES["matching"].interaction_components(question(quiz, "matching"))
    assert [c["id"] for c in matching["source"]] == ["a", "b", "c"]
    assert [c["id"] for c in matching["target"]] == ["1", "2", "3", "4"]
    assert list(QUESTION_TYPES["ordering"].interaction_components(question(quiz, "ordering"))) == ["choices"]
    assert len(QUESTION_TYPES["likert"].interaction_components(question(quiz, "likert"))["scale"]) == 3
    assert QUESTION_TYPES["numeric"].interaction_components(question(quiz, "numeric")) == {}


SECRET_KEYS = {"correct", "feedback", "match", "key", "answers", "pattern", "answer", "rubric", "tolerance"}


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@pytest.mark.parametrize(
    "question_id",
    [
        "single",
        "multiple",
        "true-false",
        "fill-in",
        "numeric",
        "numeric-range",
        "matching",
        "ordering",
        "likert",
        "essay",
    ],
)
def test_public_view_has_no_answer_key(quiz: Quiz, question_id: str) -> None:
    item = question(quiz, question_id)
    view = QUESTION_TYPES[item.type].public_view(item)
    assert not _keys(view) & SECRET_KEYS
    text = json.dumps(view)
    for secret in ("Not us.", "Always say the company name", "id\\\\s*", "Names the feeling"):
        assert secret not in text
    assert view["id"] == question_id and view["stem"] == item.stem


def test_public_view_order(quiz: Quiz) -> None:
    single = QUESTION_TYPES["single"].public_view(question(quiz, "single"), ["b", "a", "c"])
    assert [c["id"] for c in single["choices"]] == ["b", "a", "c"]
    ordering = QUESTION_TYPES["ordering"].public_view(question(quiz, "ordering"))
    assert [c["id"] for c in ordering["choices"]] != ["a", "b", "c"]  # never the answer by default
    matching = QUESTION_TYPES["matching"].public_view(
        question(quiz, "matching"), target_order=["4", "3", "2", "1"]
    )
    assert [t["id"] for t in matching["targets"]] == ["4", "3", "2", "1"]
    with pytest.raises(ValueError):
        QUESTION_TYPES["single"].public_view(question(quiz, "single"), ["a", "b"])


def test_question_round_trips_through_json(quiz: Quiz) -> None:
    assert Quiz.from_dict(json.loads(json.dumps(quiz.to_dict()))) == quiz
