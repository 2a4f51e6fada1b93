"""A quiz left halfway: the demo's newest learner started their next quiz this morning and was called away.

So My learning opens with a quiz to resume, and the quiz page (a question per screen on a phone, the
answers given so far saved) has a real attempt to show. Only a quiz without a time limit is left open: a
timed one would have run out by the time someone opens the demo.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from app import clock
from app.demo.answers import answer
from app.demo.schedule import HISTORY_DAYS
from app.learner import catalog, taking
from assessments.attempts import attempt_history, shown_ids
from assessments.shown_ids import to_shown

if TYPE_CHECKING:
    from app.demo.history import LearnerStory

LEFT_BEFORE_NOW = timedelta(hours=2)


def next_untimed_quiz(story: LearnerStory) -> tuple[str, str] | None:
    """The learner's next untimed quiz: the first never attempted (in the story's order of modules), else
    the first they may attempt again."""
    untried: list[tuple[str, str]] = []
    again: list[tuple[str, str]] = []
    for module_id in story.modules:
        module = catalog.get_module(story.session, module_id).module
        if not module.quiz_id:
            continue
        quiz = catalog.get_quiz(story.session, module.quiz_id).quiz
        if quiz.settings.time_limit_minutes:
            continue
        tried = len(attempt_history(story.session, learner_id=story.learner.uid, quiz_id=quiz.id))
        if not tried:
            untried.append((module_id, quiz.id))
        elif quiz.settings.attempts is None or tried < quiz.settings.attempts:
            again.append((module_id, quiz.id))
    return next(iter(untried + again), None)


def leave_a_quiz_halfway(story: LearnerStory, now: datetime) -> None:
    """Start the learner's next untimed quiz, answer its first half, and leave it."""
    found = next_untimed_quiz(story)
    if found is None:
        return
    module_id, quiz_id = found
    moment = now - LEFT_BEFORE_NOW
    with clock.at(moment):
        attempt = taking.start(
            story.session, story.learner, quiz_id, module_id, seed=story.rng.randrange(2**31)
        )
    quiz = catalog.get_quiz(story.session, quiz_id, attempt.quiz_version).quiz
    for question_id in attempt.question_ids[: len(attempt.question_ids) // 2]:
        question = quiz.question(question_id)
        right = story.rng.random() < story.skill(HISTORY_DAYS, tuple(c.id for c in question.competencies))
        moment += timedelta(minutes=1)
        with clock.at(moment):
            value = to_shown(question, answer(question, right=right), shown_ids(attempt, question_id))
            taking.save_answer(story.session, story.learner, attempt.id, question_id, value)
    with clock.at(moment + timedelta(minutes=1)):
        taking.suspend(story.session, story.learner, attempt.id)
