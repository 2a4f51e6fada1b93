"""The answer table: answers kept, withdrawn and erased, and read back for one quiz version."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from assessments.answer_store import answers_to_version, erase_answers, record_answers, withdraw_answers
from assessments.answer_tables import AnswerRow
from assessments.recorded_answers import RecordedAnswer
from assessments.store import Attempt

T0 = 1_796_029_210_000_000  # microseconds since 1970


def answer(registration: str, question_id: str, *, at: int = 0, quiz_id: str = "hold", **values: Any):
    defaults = {"actor": "account:u1", "response": "a", "seconds": None}
    return RecordedAnswer(
        str(uuid.uuid4()), registration=registration, quiz_id=quiz_id, question_id=question_id,
        answered_us=T0 + at, **{**defaults, **values},
    )  # fmt: skip


def attempt(registration: str, version: int, quiz_id: str = "hold") -> Attempt:
    return Attempt(
        registration=registration,
        learner_id=registration,
        quiz_id=quiz_id,
        quiz_version=version,
        number=1,
        question_ids=["q1"],
        choice_order={},
    )


def test_a_version_reads_its_own_attempts_and_the_latest_also_those_the_app_never_saw(session):
    session.add_all([attempt("r-v1", 1), attempt("r-v2", 2), attempt("r-other-quiz", 1, quiz_id="other")])
    record_answers(
        session,
        [
            answer("r-v1", "q1", response="b", seconds=4.5),
            answer("r-v2", "q1", at=1),
            answer("r-package", "q1", at=2),  # an exported package's attempt: the app has no row for it
            answer("r-other-quiz", "q1", at=3),  # the registration of an attempt at another quiz
            answer("r-v1", "q1", quiz_id="other", at=4),  # another quiz's question
        ],
    )
    session.commit()

    def registrations(version: int, *, is_latest: bool) -> list[str]:
        rows = answers_to_version(session, "hold", version, is_latest=is_latest)
        return sorted(row[1] for row in rows)

    assert registrations(1, is_latest=False) == ["r-v1"]
    assert registrations(2, is_latest=True) == ["r-other-quiz", "r-package", "r-v2"]
    (row,) = answers_to_version(session, "hold", 1, is_latest=False)
    assert row[1:] == ("r-v1", "q1", T0, "b", 4.5)


def test_the_stored_order_breaks_ties_between_answers_given_at_the_same_instant(session):
    record_answers(session, [answer("r1", "q1", response="a"), answer("r1", "q1", response="b")])
    session.commit()
    rows = sorted(answers_to_version(session, "hold", 1, is_latest=True))
    assert [(row[4], row[0] < rows[-1][0]) for row in rows] == [("a", True), ("b", False)]


def test_voided_answers_are_withdrawn_and_erased_ones_keep_no_person_or_response(session):
    kept, voided, mine = answer("r1", "q1"), answer("r1", "q2"), answer("r2", "q1", actor="mbox:mailto:z@x")
    record_answers(session, [kept, voided, mine])
    assert withdraw_answers(session, [voided.statement_id, str(uuid.uuid4())]) == 1
    assert erase_answers(session, ["mbox:mailto:z@x", "account:nobody"]) == 1
    session.commit()
    rows = {row.statement_id: row for row in session.scalars(select(AnswerRow))}
    assert set(rows) == {kept.statement_id, mine.statement_id}
    assert (rows[mine.statement_id].actor, rows[mine.statement_id].response) == (None, None)
    assert (rows[kept.statement_id].actor, rows[kept.statement_id].response) == ("account:u1", "a")
