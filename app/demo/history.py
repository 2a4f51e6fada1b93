"""Six weeks of demo history, written through the services a live request uses, dated back from "now".

Each demo learner follows a profile (strong, improving, steady, struggling): they open modules and read
their pages, take the quizzes (passing or failing by their skill on the day) and do two-minute drills
between calls (``practice``); their mentor holds fortnightly check-ins that assign follow-ups, writes
notes, grades essays and confirms the practice the mentee reports. The newest learner has a quiz left
halfway this morning (``left_halfway``). Everything goes through the learner and mentoring services under
``clock.at``, so the record store holds real xAPI statements and mastery is folded from them by the
ordinary ingest hook.

A fixed seed and the scheduler's total order make the history the same on every run for the same "now".
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.accounts.models import User
from app.demo import DemoLogin, create_demo_team
from app.demo.answers import answer
from app.demo.left_halfway import leave_a_quiz_halfway
from app.demo.mentoring import MentorStories
from app.demo.people import DEMO_PROFILES, Profile
from app.demo.practice import begin_drills
from app.demo.schedule import HISTORY_DAYS, Action, Scheduler, working_time
from app.learner import catalog, player, taking
from app.learner.recording import Learner
from assessments.attempts import attempt_history, shown_ids
from assessments.shown_ids import to_shown
from assessments.store import Attempt

SEED = "elearn-demo"
MAX_TRIES = 3  # a learner gives a quiz three tries at most, then moves on
# The curriculum in the order a new agent meets it; modules not listed follow by id.
MODULE_ORDER = (
    "call-opening",
    "active-listening",
    "data-protection",
    "difficult-callers",
    "objection-handling",
    "call-closing",
)


@dataclass(slots=True)
class LearnerStory:
    """One demo learner working through the curriculum."""

    session: Session
    user: User
    learner: Learner
    profile: Profile
    modules: list[str]
    scheduler: Scheduler
    rng: random.Random
    on_essays: Callable[[LearnerStory, Attempt, float], None]
    bias: dict[str, float] = field(default_factory=dict)

    def begin(self) -> None:
        if self.modules:
            self.scheduler.schedule(working_time(self.rng, self.profile.start_day), self.study(0))
        begin_drills(self)

    def skill(self, day: float, competencies: tuple[str, ...]) -> float:
        """The chance of a right answer on ``day`` for a question on these competencies."""
        progress = min(1.0, max(0.0, day / HISTORY_DAYS))
        base = self.profile.skill_from + (self.profile.skill_to - self.profile.skill_from) * progress
        for competency in competencies:
            self.bias.setdefault(competency, self.rng.uniform(-0.12, 0.06))
        shift = sum(self.bias[c] for c in competencies) / len(competencies) if competencies else 0.0
        # Strong learners are strong across the board: their weak spots are small ones.
        return min(0.99, max(0.05, base + shift * min(1.0, (1 - base) * 3)))

    def study(self, index: int, first_page: int = 1) -> Action:
        """Open module ``index``, read a sitting's worth of pages, then take its quiz or come back."""

        def act(day: float) -> None:
            module_id = self.modules[index]
            progress = player.open_module(self.session, self.learner, module_id)
            module = catalog.get_module(self.session, module_id, progress.module_version).module
            pages = len(module.pages)
            last = pages if first_page > 1 else max(1, round(pages * self.profile.read_share))
            for number in range(first_page, last + 1):
                with clock.at(self.scheduler.at(day) + timedelta(minutes=3 * (number - first_page))):
                    player.show_page(self.session, self.learner, module_id, progress.module_version, number)
            if last < pages:  # a call came in: the rest another day
                player.leave_module(self.session, self.learner, module_id, progress.module_version)
                later = working_time(self.rng, day + self.rng.uniform(1, 3))
                self.scheduler.schedule(later, self.study(index, last + 1))
                return
            if module.quiz_id:
                self.scheduler.schedule(day + (3 * pages + 5) / 1440, self.take_quiz(index, module.quiz_id))
            self.next_module(index, day)

        return act

    def next_module(self, index: int, day: float) -> None:
        if index + 1 < len(self.modules):
            gap = self.profile.pace_days * self.rng.uniform(0.8, 1.2)
            self.scheduler.schedule(working_time(self.rng, day + gap), self.study(index + 1))

    def take_quiz(self, index: int, quiz_id: str) -> Action:
        def act(day: float) -> None:
            module_id = self.modules[index]
            seed = self.rng.randrange(2**31)
            attempt = taking.start(self.session, self.learner, quiz_id, module_id, seed=seed)
            quiz = catalog.get_quiz(self.session, quiz_id, attempt.quiz_version).quiz
            answers = {}
            for question_id in attempt.question_ids:
                question = quiz.question(question_id)
                right = self.rng.random() < self.skill(day, tuple(c.id for c in question.competencies))
                # Answered as the page shows it: in the attempt's own ids, mapped back by the server.
                response = answer(question, right=right)
                answers[question_id] = to_shown(question, response, shown_ids(attempt, question_id))
            limit = quiz.settings.time_limit_minutes or 60
            minutes = min(2 + 0.75 * len(answers), limit - 1)  # within the time limit
            with clock.at(self.scheduler.at(day) + timedelta(minutes=minutes)):
                taking.submit(self.session, self.learner, attempt.id, answers)
            if attempt.passed is None:
                self.on_essays(self, attempt, day)
            else:
                self.after_result(attempt, day)

        return act

    def after_result(self, attempt: Attempt, day: float) -> None:
        """Retry a failed quiz a few days later while attempts are left."""
        if attempt.passed is not False:
            return
        quiz = catalog.get_quiz(self.session, attempt.quiz_id, attempt.quiz_version).quiz
        used = len(attempt_history(self.session, learner_id=self.learner.uid, quiz_id=attempt.quiz_id))
        if used >= min(quiz.settings.attempts or MAX_TRIES, MAX_TRIES):
            return
        index = self.modules.index(attempt.module_id) if attempt.module_id in self.modules else 0
        retry = working_time(self.rng, day + self.rng.uniform(1.5, 4))
        self.scheduler.schedule(retry, self.take_quiz(index, attempt.quiz_id))


def module_order(session: Session) -> list[str]:
    published = sorted(m.module.id for m in catalog.list_modules(session))
    rank = {module_id: n for n, module_id in enumerate(MODULE_ORDER)}
    return sorted(published, key=lambda m: (rank.get(m, len(rank)), m))


def learner_of(user: User) -> Learner:
    from app.mentoring.statements import base_url

    return Learner(
        uid=user.uid,
        name=user.name,
        base_url=base_url() + "/",
        email=user.email,
        use_email=bool(current_app.config.get("XAPI_ACTOR_EMAIL")),
    )


def demo_learners(session: Session) -> list[User]:
    users = session.scalars(select(User).where(User.email.in_(DEMO_PROFILES)).order_by(User.email))
    return list(users)


def has_history(session: Session, learners: list[User]) -> bool:
    uids = [u.uid for u in learners]
    return session.scalar(select(Attempt.id).where(Attempt.learner_id.in_(uids)).limit(1)) is not None


def seed_history(session: Session, *, now: datetime | None = None) -> int:
    """Write the demo learners' last six weeks, ending at ``now``; return how many learners it covered.

    Nothing is written when the demo learners are missing or already have history.
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    learners = demo_learners(session)
    if not learners or has_history(session, learners):
        return 0
    # Nothing starts in the last hour: a sitting or a quiz begun then would end after ``now``.
    scheduler = Scheduler(history_start(now), now - timedelta(hours=1))
    modules = module_order(session)
    mentors = MentorStories(session, scheduler, random.Random(f"{SEED}:mentors"))
    stories = []
    for user in learners:
        story = LearnerStory(
            session,
            user,
            learner_of(user),
            DEMO_PROFILES[user.email],
            modules,
            scheduler,
            random.Random(f"{SEED}:{user.email}"),
            mentors.grade_essays,
        )
        story.begin()
        mentors.plan_checkins(story)
        stories.append(story)
    scheduler.run()
    mentors.schedule_next_checkins(now)
    leave_a_quiz_halfway(max(stories, key=lambda s: s.profile.start_day), now)
    return len(learners)


def history_start(now: datetime) -> datetime:
    """Midnight (UTC) at the start of the six weeks that end at ``now``."""
    return (now - timedelta(days=HISTORY_DAYS)).replace(hour=0, minute=0, second=0, microsecond=0)


def create_demo(
    session: Session, *, now: datetime | None = None, password: str | None = None
) -> list[DemoLogin]:
    """Create the demo team as it was six weeks ago, then write its history up to ``now``."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    with clock.at(history_start(now)):
        logins = create_demo_team(session, password)
    seed_history(session, now=now)
    return logins
