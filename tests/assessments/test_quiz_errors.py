"""Every class of quiz error, each reported at its exact line and column."""

from __future__ import annotations

import pytest

from assessments import parse_quiz

HEADER = "---\nid: q\ntitle: A quiz\ncompetencies: [empathy]\n---\n"  # body starts on line 6

# (body after the header, expected "line:col: severity: message" of the first diagnostic)
CASES = [
    ("## Q {#a}\ntype: singel\n- [x] A\n- [ ] B\n", '7:7: error: unknown question type "singel"'),
    ("## Q {#a}\n- [x] A\n- [ ] B\n", "6:1: error: question has no type"),
    ("## Q {#a}\ntype: single\ncolour: red\n- [x] A\n- [ ] B\n", '8:1: error: unknown field "colour"'),
    ("## Q {#a}\ntype: single\n- [ ] A\n- [ ] B\n", "6:1: error: no correct choice"),
    ("## Q {#a}\ntype: single\n- [x] A\n- [x] B\n", "6:1: error: a single question has 2 correct choices"),
    ("## Q {#a}\ntype: multiple\n- [x] A\n- B\n", "9:3: error: choice has no [x] or [ ] box"),
    ("## Q {#a}\ntype: true-false\n", "6:1: error: a true-false question needs an answer"),
    ("## Q {#a}\ntype: true-false\nanswer: maybe\n", '8:9: error: answer must be true or false, not "maybe"'),
    (
        "## Q {#a}\ntype: fill-in\ncase: insensitive\n",
        "6:1: error: a fill-in question needs accepted answers",
    ),
    ("## Q {#a}\ntype: fill-in\npattern: ([a-z\n", "8:10: error: invalid regular expression"),
    (
        '## Q {#a}\ntype: fill-in\nanswers: one, "Smith, John\n',
        "8:10: error: answer 2 starts with a double quote but does not end with one",
    ),
    (
        '## Q {#a}\ntype: fill-in\nanswers: "Smith" John, Smith\n',
        "8:10: error: answer 1 starts with a double quote but does not end with one",
    ),
    (
        "## Q {#a}\ntype: fill-in\nanswers: one, two\nanswer: three\n",
        '9:9: error: write the accepted answers in "answers" only, not also in "answer"',
    ),
    ("## Q {#a}\ntype: numeric\n", "6:1: error: a numeric question needs an answer or a range"),
    ("## Q {#a}\ntype: numeric\nrange: 20..10\n", "8:8: error: reversed range: 20..10"),
    ("## Q {#a}\ntype: numeric\nanswer: ten\n", '8:9: error: expected a number, not "ten"'),
    ("## Q {#a}\ntype: numeric\nanswer: 1,5\n", '8:9: error: expected a number, not "1,5"'),
    ("## Q {#a}\ntype: numeric\nanswer: 2\ntolerance: 0,5\n", '9:12: error: expected a number, not "0,5"'),
    ("## Q {#a}\ntype: matching\n- A -> 1\n- B to 2\n", "9:3: error: matching item without ->"),
    ("## Q {#a}\ntype: ordering\n1. Only one\n", "6:1: error: an ordering question needs at least two steps"),
    ("## Q {#a}\ntype: essay\nwords: 200..30\n", "8:8: error: reversed range: 200..30"),
    ("## Q {#a}\ntype: true-false\nanswer: true\npoints: lots\n", "9:9: error: points must be a number"),
    ("## Q {#Bad_Id}\ntype: true-false\nanswer: true\n", '6:6: error: invalid question id "Bad_Id"'),
    (
        "## Q {#a}\ntype: true-false\nanswer: true\ncompetencies: empathy*x\n",
        '9:15: error: invalid competency "empathy*x"',
    ),
    (
        "## Q {#a}\ntype: true-false\nanswer: true\n\n## R {#a}\ntype: true-false\nanswer: false\n",
        '10:1: error: duplicate question id "a"',
    ),
    (
        "## Q {#a}\ntype: true-false\nanswer: true\n\nSee <b>this</b>.\n",
        "10:5: error: raw HTML is not allowed: <b>",
    ),
    (
        "# Title\n\n## Q {#a}\ntype: true-false\nanswer: true\n",
        "6:1: error: a quiz starts each question with ##",
    ),
    ("Just text.\n", "1:1: error: the quiz has no questions"),
    (
        "## Q {#a}\ntype: essay\n**Caller:** Third time!\n",
        '8:1: error: "**Caller:** Third time!" is not a "name: value"',
    ),
    (
        "## Q {#a}\ntype: true-false\nanswer: true\n\n# Part two\n",
        "10:1: error: a quiz starts each question with ##",
    ),
    (
        "## Which of these belongs in the greeting?\ntype: true-false\nanswer: true\n",
        '6:1: warning: question has no id; using "which-of-these-belongs"',
    ),
    (
        "## Q {#a}\ntype: single\n- [x] " + "x" * 256 + "\n- [ ] B\n",
        "8:7: warning: choice text is 256 characters",
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_error_positions(body: str, expected: str) -> None:
    parsed = parse_quiz(HEADER + body, "q.md")
    assert parsed.diagnostics, "expected a diagnostic"
    assert parsed.diagnostics[0].format().startswith(f"q.md:{expected}"), parsed.diagnostics[0].format()
    if ": error:" in expected:
        assert parsed.quiz is None


# (front matter, expected diagnostic)
FRONT_MATTER = [
    ("id: q\n", '1:1: error: missing required field "title"'),
    ("id: Q Quiz\ntitle: T\n", "2:5: error: id must be an id"),
    ("id: q\ntitle: T\npass_mark: 120\n", "4:12: error: pass_mark must be at most 100"),
    ("id: q\ntitle: T\ngrading: best\n", "4:10: error: grading must be one of: highest, last"),
    ("id: q\ntitle: T\nshufle_choices: true\n", '4:1: error: unknown field "shufle_choices"'),
    (
        "id: q\ntitle: T\npools:\n  - draw: 3\n    from: [a, b]\n",
        "5:5: error: pool draws 3 questions but names only 2",
    ),
    (
        "id: q\ntitle: T\npools:\n  - draw: 1\n    from: [a, zz]\n",
        '5:5: error: pool names unknown question "zz"',
    ),
    ("id: q\ntitle: [unclosed\n", "3:8: error: invalid YAML"),
    ("id: q\ntitle: T\ntitle: U\n", '4:1: error: duplicate field "title"'),
]
QUESTIONS = "## Q {#a}\ntype: true-false\nanswer: true\n\n## R {#b}\ntype: true-false\nanswer: false\n"


@pytest.mark.parametrize(("front_matter", "expected"), FRONT_MATTER)
def test_front_matter_errors(front_matter: str, expected: str) -> None:
    parsed = parse_quiz(f"---\n{front_matter}---\n{QUESTIONS}", "q.md")
    formatted = [d.format() for d in parsed.diagnostics]
    assert any(line.startswith(f"q.md:{expected}") for line in formatted), formatted
    assert parsed.quiz is None


def test_hints_suggest_the_closest_name() -> None:
    parsed = parse_quiz(HEADER + "## Q {#a}\ntype: multipel\n- [x] A\n- [ ] B\n", "q.md")
    assert parsed.diagnostics[0].hint == 'did you mean "multiple"?'
    parsed = parse_quiz(HEADER + "## Q {#a}\ntype: true-false\nanwser: true\n", "q.md")
    assert 'did you mean "answer"?' in [d.hint for d in parsed.diagnostics]


def test_every_error_is_reported_not_just_the_first() -> None:
    body = "## Q {#a}\ntype: singel\n\n## R {#b}\ntype: numeric\n\n## S {#c}\ntype: true-false\n"
    parsed = parse_quiz(HEADER + body, "q.md")
    assert [(d.line, d.is_error) for d in parsed.diagnostics] == [(7, True), (9, True), (12, True)]


def test_long_hints_and_feedback_may_wrap() -> None:
    body = (
        "## Q {#a}\ntype: true-false\nanswer: true\n"
        "feedback: A long explanation\n  that wraps onto a second line.\n"
    )
    parsed = parse_quiz(HEADER + body, "q.md")
    assert parsed.quiz is not None
    assert parsed.quiz.questions[0].feedback == "A long explanation that wraps onto a second line."


def test_an_answer_with_a_comma_is_written_in_double_quotes() -> None:
    from assessments.question_types import QUESTION_TYPES

    body = '## Q {#a}\ntype: fill-in\nanswers: "Smith, John", Smith ,  "1,000",\n  5" screen, "say ""hi"""\n'
    parsed = parse_quiz(HEADER + body, "q.md")
    assert parsed.quiz is not None, [d.format() for d in parsed.diagnostics]
    question = parsed.quiz.questions[0]
    assert question.key["answers"] == ["Smith, John", "Smith", "1,000", '5" screen', 'say "hi"']
    fill_in = QUESTION_TYPES["fill-in"]
    assert fill_in.score(question, "smith,  john").correct  # case and spaces as the question says
    assert fill_in.score(question, "1,000").correct and not fill_in.score(question, "000").correct


def test_a_comma_in_a_numeric_answer_groups_thousands() -> None:
    body = "## Q {#a}\ntype: numeric\nanswer: 12,500.5\ntolerance: 1,000\n"
    parsed = parse_quiz(HEADER + body, "q.md")
    assert parsed.quiz is not None, [d.format() for d in parsed.diagnostics]
    assert parsed.quiz.questions[0].key == {"answer": 12500.5, "tolerance": 1000.0}


def test_review_answers_always_is_accepted_and_an_unknown_policy_is_reported() -> None:
    body = "## Q {#a}\ntype: true-false\nanswer: true\n"
    accepted = parse_quiz(HEADER.replace("---\n", "---\nreview: answers-always\n", 1) + body, "q.md")
    assert accepted.quiz is not None and accepted.quiz.settings.review == "answers-always"
    refused = parse_quiz(HEADER.replace("---\n", "---\nreview: answer-always\n", 1) + body, "q.md")
    assert refused.quiz is None
    message = refused.diagnostics[0].format()
    assert message == (
        "q.md:2:9: error: review must be one of: none, score, responses, answers, answers-after-pass, "
        "answers-always"
    )
