"""The practice pool against the sample curriculum: what may be drilled, and what never is."""

from __future__ import annotations

import random
import shutil
import uuid
from pathlib import Path
from typing import Any

from flask import Flask

import courses
from app import clock
from app.database import get_db
from app.learner import catalog, drill_pool, drills
from app.learner.recording import Learner
from assessments.model import QUESTION_TYPE_NAMES
from assessments.practice import UNDRILLABLE_TYPES, item_key
from assessments.store import Attempt

CONTENT = Path(__file__).resolve().parents[2] / "content"


def quiz_keys(app: Flask, *, limited: bool | None = None) -> dict[str, str]:
    """Item key -> question type of every question of the ordinary (non-practice) sample quizzes."""
    with app.app_context(), get_db(app).transaction() as session:
        return {
            item_key("quiz", q.quiz.id, question.id): question.type
            for q in catalog.list_quizzes(session)
            if not q.quiz.practice and (limited is None or (q.quiz.settings.attempts is not None) == limited)
            for question in q.quiz.questions
        }


def pool_keys(app: Flask, uid: str) -> set[str]:
    with app.app_context(), get_db(app).transaction() as session:
        return {item.key for item in drill_pool.pool_for(session, uid)}


def use_up_attempts(app: Flask, uid: str, *, leave_open: str | None = None) -> None:
    """Give the learner every attempt each limited quiz allows (one left open at ``leave_open``)."""
    with app.app_context(), get_db(app).transaction() as session:
        for published in catalog.list_quizzes(session):
            quiz = published.quiz
            for number in range(1, (quiz.settings.attempts or 0) + 1):
                is_open = quiz.id == leave_open and number == quiz.settings.attempts
                session.add(
                    Attempt(
                        registration=str(uuid.uuid4()),
                        learner_id=uid,
                        quiz_id=quiz.id,
                        quiz_version=published.version,
                        number=number,
                        question_ids=[q.id for q in quiz.questions],
                        choice_order={},
                        submitted_at=None if is_open else clock.now(),
                        status="in_progress" if is_open else "submitted",
                    )
                )


def test_the_sample_quizzes_hold_every_question_type(app: Flask, published: None) -> None:
    assert set(quiz_keys(app).values()) == set(QUESTION_TYPE_NAMES)


def test_no_question_of_a_quiz_the_learner_may_still_take_is_ever_offered(
    app: Flask, published: None, create_user: Any
) -> None:
    user = create_user("learner")
    still_open = set(quiz_keys(app))
    pool = pool_keys(app, user.uid)
    assert pool and not pool & still_open
    who = Learner(user.uid, user.name, "http://localhost/")
    offered: set[str] = set()
    with app.app_context(), get_db(app).transaction() as session:
        for seed in range(40):
            drill = drills.start(session, who, user.id, rng=random.Random(seed))
            offered |= {item["key"] for item in drill.items}
            drill.closed_at = clock.now()
            session.flush()
    assert offered and not offered & still_open
    assert offered <= pool


def test_questions_of_a_quiz_with_no_attempts_left_join_the_pool_but_never_essays_or_likert(
    app: Flask, published: None, create_user: Any
) -> None:
    user = create_user("learner")
    use_up_attempts(app, user.uid)
    pool = pool_keys(app, user.uid)
    closed = quiz_keys(app, limited=True)
    assert {key for key, kind in closed.items() if kind not in UNDRILLABLE_TYPES} <= pool
    assert not {key for key, kind in closed.items() if kind in UNDRILLABLE_TYPES} & pool
    assert {"essay", "likert"} <= set(closed.values())  # the rule was really put to the test
    assert not set(quiz_keys(app, limited=False)) & pool  # unlimited attempts: never drilled


def test_an_attempt_still_open_keeps_its_quiz_out_of_the_pool(
    app: Flask, published: None, create_user: Any
) -> None:
    user = create_user("learner")
    use_up_attempts(app, user.uid, leave_open="call-opening-quiz")
    pool = pool_keys(app, user.uid)
    assert not {key for key in pool if key.startswith("quiz:call-opening-quiz/")}
    assert {key for key in pool if key.startswith("quiz:call-closing-quiz/")}


def test_knowledge_checks_and_practice_banks_are_in_the_pool_and_retired_ones_leave_it(
    app: Flask, published: None, create_user: Any, tmp_path: Path
) -> None:
    user = create_user("learner")
    pool = pool_keys(app, user.uid)
    assert "check:active-listening/best-paraphrase" in pool
    assert "quiz:practice-empathy/pe-name-feeling" in pool
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "quizzes" / "practice-empathy.md").unlink()
    with get_db(app).transaction() as session:
        report = courses.build_content(session, content)
        assert report.ok, [d.format() for d in report.errors]
    after = pool_keys(app, user.uid)
    assert not {key for key in after if key.startswith("quiz:practice-empathy/")}
    assert after == {key for key in pool if not key.startswith("quiz:practice-empathy/")}


def test_a_practice_bank_edited_and_rebuilt_is_drilled_in_its_new_version(
    app: Flask, published: None, create_user: Any, tmp_path: Path
) -> None:
    user = create_user("learner")
    bank = "quiz:practice-empathy/pe-name-feeling"
    assert pool_versions(app, user.uid)[bank] == 1
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    source = content / "quizzes" / "practice-empathy.md"
    source.write_text(source.read_text().replace("in your own words?", "in other words?"))
    with get_db(app).transaction() as session:
        report = courses.build_content(session, content)
        assert report.ok and "quiz practice-empathy v2" in report.published, report.published
    versions = pool_versions(app, user.uid)
    assert versions[bank] == 2 and versions["check:active-listening/best-paraphrase"] == 1


def pool_versions(app: Flask, uid: str) -> dict[str, int]:
    with app.app_context(), get_db(app).transaction() as session:
        return {item.key: item.version for item in drill_pool.pool_for(session, uid)}


def test_a_practice_bank_cannot_be_taken_as_a_quiz(learner_client: Any) -> None:
    assert learner_client.get("/learn/quizzes/practice-empathy").status_code == 404
    assert learner_client.get("/learn/quizzes/call-opening-quiz").status_code == 200
