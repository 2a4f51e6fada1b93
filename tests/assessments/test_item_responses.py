"""Answers read back from ``answered`` statements and judged against each question's answer key."""

from __future__ import annotations

from assessments.item_responses import judge, responses_from, stored_answers
from assessments.model import Choice, CompetencyRef, Question, Quiz, QuizSettings
from assessments.recorded_answers import answer_of, seconds_of

IRI = "https://lms.example/xapi/activities/quizzes/hold/questions/{}"


def question(qid: str, kind: str, **values) -> Question:
    return Question(qid, kind, qid, qid, (CompetencyRef("holds"),), **values)


def choices(*ids: str, right: str) -> tuple[Choice, ...]:
    return tuple(Choice(i, i, i, correct=i == right) for i in ids)


SINGLE = question("pick", "single", choices=choices("a", "b", "c", right="b"))
NUMERIC = question("secs", "numeric", key={"min": 30, "max": 60})
FILL = question("name", "fill-in", key={"answers": ["warm"], "case": "insensitive", "whitespace": "trim"})
ORDER = question("steps", "ordering", choices=(Choice("a", "a", "a"), Choice("b", "b", "b")))
ESSAY = question("essay", "essay", key={"words": [10, 100]})
QUIZ = Quiz("hold", "Holds", ("holds",), QuizSettings(), (SINGLE, NUMERIC, FILL, ORDER, ESSAY))


def answered(qid: str, response: str, at: str, registration: str = "r1", **extra) -> dict:
    result = {"response": response, **extra.pop("result", {})}
    return {
        "id": f"{registration}-{qid}-{at}",
        "actor": {"account": {"homePage": "https://lms.example/", "name": "u1"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": IRI.format(qid)},
        "result": result,
        "context": {"registration": registration, **extra},
        "timestamp": at,
    }


def test_judging_follows_the_correct_responses_pattern_of_each_interaction_type():
    assert judge(SINGLE, "b") == 1.0 and judge(SINGLE, "a") == 0.0
    assert judge(NUMERIC, "45") == 1.0 and judge(NUMERIC, "30") == 1.0 and judge(NUMERIC, "61") == 0.0
    assert judge(NUMERIC, "soon") == 0.0
    assert judge(FILL, " Warm ") == 1.0 and judge(FILL, "cold") == 0.0
    assert judge(ORDER, "a[,]b") == 1.0 and judge(ORDER, "b[,]a") == 0.0


def test_iso_durations_in_seconds():
    assert seconds_of("PT42S") == 42.0
    assert seconds_of("PT1M30.5S") == 90.5
    assert seconds_of("PT1H") == 3600.0
    assert seconds_of("P1D") is None


def test_the_last_answer_counts_and_time_is_the_gap_since_the_previous_answer():
    statements = [
        answered("pick", "a", "2026-11-30T10:00:10Z"),
        answered("secs", "45", "2026-11-30T10:00:40Z"),
        answered("pick", "b", "2026-11-30T10:01:00Z"),  # changed their mind: this one counts
        answered("name", "warm", "2026-11-30T10:01:05Z", result={"duration": "PT3S"}),
        answered("essay", "words", "2026-11-30T10:02:00Z"),  # no right answer: not analysed
        answered(
            "pick",
            "c",
            "2026-11-30T10:03:00Z",
            registration="r2",
            extensions={"https://elearn.example/xapi/extensions/practice": True},
        ),  # practice: not an attempt
        {**answered("pick", "a", "2026-11-30T10:04:00Z"), "object": {"id": "https://other/questions/pick"}},
    ]
    answers = [a for a in map(answer_of, statements) if a is not None]
    found = {r.question_id: r for r in responses_from(QUIZ, stored_answers(answers, "hold"))}
    assert set(found) == {"pick", "secs", "name"}
    assert found["pick"].score == 1.0 and found["pick"].choices == ("b",)
    assert found["secs"].seconds is None  # the attempt's first answer: nothing to measure from
    assert found["pick"].seconds == 20.0  # 10:00:40 -> 10:01:00
    assert found["name"].seconds == 3.0  # the statement's own duration wins


def test_between_answers_given_at_the_same_instant_the_one_stored_last_counts():
    statements = [
        answered("pick", "b", "2026-11-30T10:00:10Z"),
        answered("pick", "a", "2026-11-30T10:00:10Z"),
    ]
    answers = [a for a in map(answer_of, statements) if a is not None]
    (found,) = responses_from(QUIZ, stored_answers(answers, "hold"))
    assert (found.choices, found.score) == (("a",), 0.0)
    (found,) = responses_from(QUIZ, stored_answers(reversed(answers), "hold"))
    assert (found.choices, found.score) == (("b",), 1.0)
