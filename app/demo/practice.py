"""The demo learners' two-minute drills: a few a week, each question answered by their skill on the day.

Drills go through the drill service under the scheduler's clock, like a learner tapping through
``/learn/drill``: shown, answered some seconds later, rated and rescheduled by FSRS, recorded in xAPI. The
more diligent a learner, the more often they drill, so My learning, the desk and the team view show streaks
and practice that differ from one person to the next.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from app import clock
from app.demo.answers import answer
from app.demo.schedule import Action, working_time
from app.learner import drills
from assessments.shown_ids import to_shown

if TYPE_CHECKING:
    from app.demo.history import LearnerStory

FIRST_DRILL_AFTER_DAYS = 2.0  # a learner meets drills once their first module is under way
SECONDS_PER_ANSWER = (12.0, 40.0)


def begin_drills(story: LearnerStory) -> None:
    """Schedule the learner's first drill; each drill schedules the next."""
    day = story.profile.start_day + FIRST_DRILL_AFTER_DAYS
    story.scheduler.schedule(working_time(story.rng, day), drill(story))


def days_between_drills(story: LearnerStory) -> float:
    """Diligent learners often drill again the next day (and build streaks); the others every few days."""
    diligence = story.profile.diligence
    if story.rng.random() < diligence**2:
        return 1.0
    return story.rng.uniform(2.0, 4.0) / max(diligence, 0.3)


def drill(story: LearnerStory) -> Action:
    def act(day: float) -> None:
        try:
            started = drills.start(story.session, story.learner, story.user.id, rng=story.rng)
        except drills.NothingToPractiseError:
            return
        moment = story.scheduler.at(day)
        while started.is_open:
            with clock.at(moment):
                shown = drills.show(story.session, started)
            item = started.items[started.position]
            question = drills.question_of(story.session, item)
            right = story.rng.random() < story.skill(day, tuple(c.id for c in question.competencies))
            moment += timedelta(seconds=story.rng.uniform(*SECONDS_PER_ANSWER))
            with clock.at(moment):
                value = to_shown(question, answer(question, right=right), item["ids"])
                drills.answer(story.session, story.learner, started.id, shown.number, value)
        later = day + days_between_drills(story)
        story.scheduler.schedule(working_time(story.rng, later), drill(story))

    return act
