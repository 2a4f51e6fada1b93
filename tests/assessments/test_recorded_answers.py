"""Quiz answers read out of stored ``answered`` statements: what the answer table keeps, and what it skips."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from assessments.recorded_answers import actor_of, actors_of_person, answer_of, question_of

IRI = "https://lms.example/elearn/xapi/activities/quizzes/hold/questions/{}"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
PRACTICE = "https://elearn.example/xapi/extensions/practice"
PRACTICE_CATEGORY = "https://elearn.example/xapi/activities/practice"
REGISTRATION = "6F1C8E9A-4B3D-4E7A-9C1B-2D5E8F0A1B3C"


def answered(**changes: Any) -> dict[str, Any]:
    statement = {
        "id": "0b6f2b4e-3f0e-4c47-9e85-1d0d8b1b9a01",
        "actor": {"objectType": "Agent", "account": {"homePage": "https://lms.example/", "name": "u-42"}},
        "verb": {"id": ANSWERED},
        "object": {"objectType": "Activity", "id": IRI.format("pick")},
        "result": {"response": "a[,]c", "duration": "PT1M2.5S"},
        "context": {"registration": REGISTRATION},
        "timestamp": "2026-11-30T10:00:10.250000+01:00",
    }
    return {**statement, **changes}


def test_an_answer_keeps_its_attempt_question_time_response_and_duration():
    found = answer_of(answered())
    assert found is not None
    assert (found.quiz_id, found.question_id) == ("hold", "pick")
    assert found.registration == REGISTRATION.lower()  # as the record store keeps registrations
    assert found.statement_id == "0b6f2b4e-3f0e-4c47-9e85-1d0d8b1b9a01"
    assert found.actor == "account:u-42"
    assert found.response == "a[,]c"
    assert found.seconds == 62.5
    # 09:00:10.25 UTC on 30 November 2026, to the microsecond
    assert found.answered_us == 1_796_029_210_250_000


@pytest.mark.parametrize(
    "changes",
    [
        {"verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"}},
        {"object": {"objectType": "Activity", "id": "https://lms.example/modules/m/checks/c1"}},
        {"object": {"objectType": "Activity", "id": "https://lms.example/quizzes/hold/questions/"}},
        {"object": {"objectType": "StatementRef", "id": "0b6f2b4e-3f0e-4c47-9e85-1d0d8b1b9a02"}},
        {"context": {}},  # no registration: not an attempt
        {"context": {"registration": REGISTRATION, "extensions": {PRACTICE: True}}},  # a knowledge check
        {
            "context": {
                "registration": REGISTRATION,
                "contextActivities": {"category": [{"id": PRACTICE_CATEGORY}]},
            }
        },  # a drill answer
        {"object": {"objectType": "Activity", "id": IRI.format("x" * 101)}},  # no question has such an id
    ],
)
def test_other_statements_and_practice_are_not_kept(changes):
    assert answer_of(answered(**changes)) is None


def test_a_response_and_a_duration_may_be_missing():
    found = answer_of(answered(result={}))
    assert found is not None and found.response is None and found.seconds is None
    assert answer_of(answered(result={"response": "b", "duration": "P1D"})).seconds is None


def test_questions_are_found_under_any_activity_base():
    assert question_of("http://localhost/xapi/activities/quizzes/q/questions/one") == ("q", "one")
    assert question_of("https://other.example/a/b/quizzes/q/questions/one") == ("q", "one")
    assert question_of("https://other.example/quizzes/q/extra/questions/one") is None
    assert question_of("https://other.example/modules/m/pages/p") is None


def test_a_person_is_found_by_every_identifier_their_statements_may_carry():
    email = "Zelda@Example.test"
    sha1 = hashlib.sha1(f"mailto:{email}".encode()).hexdigest()
    agents = [
        {"account": {"homePage": "https://elearn.example/", "name": "uid-1"}},
        {"account": {"homePage": "http://localhost/", "name": "uid-1"}},
        {"mbox": f"mailto:{email}"},
        {"mbox_sha1sum": sha1.upper()},
    ]
    assert {actor_of(agent) for agent in agents} <= set(actors_of_person("uid-1", email))
    assert actor_of({"objectType": "Group", "member": []}) is None
