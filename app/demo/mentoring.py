"""The demo mentors' side of the history: check-ins, follow-ups, notes, essay grading, confirmations."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.accounts.models import User
from app.demo.schedule import HISTORY_DAYS, Action, Scheduler, working_time
from app.mentoring import content, notes, plans
from app.mentoring.grading import grade, queue
from app.mentoring.models import FollowUp, Relationship
from app.mentoring.plans import NewFollowUp
from app.mentoring.progress import statuses, weak_competencies
from app.mentoring.relationships import relationships_of_mentee
from app.mentoring.statements import base_url
from assessments.progress import learner_progress
from assessments.store import Attempt
from courses.playbook import Activity, Kind

if TYPE_CHECKING:
    from app.demo.history import LearnerStory

CHECKIN_DAYS = (14, 28)  # fortnightly, from the start of the six weeks
ESSAYS_WAITING_DAYS = 5  # essays of the last days are not graded yet
GOALS = {
    "strong": "Coach a newer colleague through one difficult call each week",
    "improving": "Pass every core quiz at the first attempt",
    "steady": "Move one competency from developing to proficient",
    "struggling": "Finish one module a week and bring one call to each check-in",
}
SHARED_NOTES = (
    "Good check-in. We agreed to focus on {focus} for the next two weeks; the follow-ups are in your plan.",
    "You are making progress on {focus}. Keep the reflections short and concrete: what the caller said, "
    "what you did, what you would do again.",
    "We listened to two of your calls together. Next: {focus}, with the follow-ups we picked.",
)
PRIVATE_NOTES = (
    "Seems to rush the quizzes between calls; suggest doing them at the start of the shift.",
    "Lacking confidence on {focus}. Pair with a strong colleague for a side-by-side session.",
)
REFLECTIONS = (
    "I tried it on three calls today. The first felt awkward, by the third I did it without thinking "
    "and the caller calmed down faster.",
    "I shadowed a colleague for an hour and wrote down the phrases she used. I used two of them myself "
    "afterwards and it worked well.",
    "Done on a live call this morning. I checked the account first, then explained the options and the "
    "caller agreed the next step without pushing back.",
)
FEEDBACK = ("Well done, that is exactly it.", "Good start; keep practising it.", "Nice reflection.")


@dataclass(slots=True)
class MentorStories:
    """Schedules what each demo learner's mentor does, in step with the learner's own history."""

    session: Session
    scheduler: Scheduler
    rng: random.Random
    relations: list[Relationship] = field(default_factory=list)

    def pair(self, user: User) -> tuple[Relationship, User] | None:
        relation = next((r for r in relationships_of_mentee(self.session, user.id) if r.is_active), None)
        if relation is None:
            return None
        return relation, self.session.get_one(User, relation.mentor_id)

    def plan_checkins(self, story: LearnerStory) -> None:
        pair = self.pair(story.user)
        if pair is None:
            return
        self.relations.append(pair[0])
        for number, day in enumerate(CHECKIN_DAYS):
            moment = working_time(self.rng, day + self.rng.uniform(0, 2))
            self.scheduler.schedule(moment, self.checkin(story, *pair, number))

    def checkin(self, story: LearnerStory, relation: Relationship, mentor: User, number: int) -> Action:
        def act(day: float) -> None:
            rows = statuses(self.session, [story.user], content.framework(self.session))[story.user.id]
            known = [
                r.competency_id for r in sorted(rows, key=lambda r: r.sort_value) if r.assessment.estimate
            ]
            focus = weak_competencies(rows)[:2] or known[:1]
            if number == 0:
                target = (self.scheduler.at(day) + timedelta(days=42)).date()
                plans.add_goal(self.session, relation, GOALS[story.profile.label], target)
            self.session.expire(relation, ["followups"])  # as a new request would: with the latest items
            proposed = plans.proposal(self.session, relation, content.playbook(self.session), focus)
            due = (self.scheduler.at(day) + timedelta(days=self.rng.randint(6, 10))).date()
            done = {p.module_id for p in learner_progress(self.session, story.user.uid) if p.completed_at}
            # Education completes with its module: a module already done would leave it open for good.
            fresh = [a for a in proposed if a.kind != Kind.EDUCATION or a.module_id not in done]
            items = [NewFollowUp.from_activity(a, due) for a in one_per_kind(fresh)]
            created = (
                plans.assign(self.session, relation, items, mentor=mentor, mentee=story.user) if items else []
            )
            for followup in created:
                if followup.kind != Kind.EDUCATION and self.rng.random() < story.profile.diligence:
                    moment = working_time(self.rng, day + self.rng.uniform(2, 8))
                    self.scheduler.schedule(moment, self.submit(story, mentor, followup))
            names = content.competency_names(self.session)
            topic = " and ".join(names.get(c, c).lower() for c in focus) or "the next module"
            body = SHARED_NOTES[(number + story.user.id) % len(SHARED_NOTES)].format(focus=topic)
            notes.add_note(self.session, relation, mentor, body, is_shared=True)
            if story.profile.label == "struggling":
                body = PRIVATE_NOTES[number % len(PRIVATE_NOTES)].format(focus=topic)
                notes.add_note(self.session, relation, mentor, body, is_shared=False)

        return act

    def submit(self, story: LearnerStory, mentor: User, followup: FollowUp) -> Action:
        def act(day: float) -> None:
            reflection = REFLECTIONS[followup.id % len(REFLECTIONS)]
            plans.submit(self.session, followup, reflection, mentee=story.user, mentor=mentor)
            if day < HISTORY_DAYS - 6:  # the last week's reports wait for the coming check-in
                moment = working_time(self.rng, day + self.rng.uniform(1, 4))
                self.scheduler.schedule(moment, self.confirm(story, mentor, followup))

        return act

    def confirm(self, story: LearnerStory, mentor: User, followup: FollowUp) -> Action:
        def act(day: float) -> None:
            rating = rating_for(story.skill(day, (followup.competency_id,)))
            feedback = FEEDBACK[followup.id % len(FEEDBACK)]
            plans.confirm(
                self.session, followup, rating=rating, feedback=feedback, mentor=mentor, mentee=story.user
            )

        return act

    def grade_essays(self, story: LearnerStory, attempt: Attempt, day: float) -> None:
        """Have the mentor grade the attempt's essays a day or two later (queued while that is ahead)."""
        pair = self.pair(story.user)
        if pair is None or day > HISTORY_DAYS - ESSAYS_WAITING_DAYS:  # this week's are still in the queue
            return
        mentor = pair[1]

        def act(when: float) -> None:
            for item in queue(self.session, [story.user]):
                if item.attempt.id != attempt.id or not item.competencies:
                    continue
                skill = story.skill(when, tuple(item.competencies))
                ratings = {c: rating_for(skill) for c in item.competencies}
                feedback = FEEDBACK[item.response.id % len(FEEDBACK)]
                grade(self.session, item, ratings, feedback, mentor=mentor, base_url=base_url())
            story.after_result(attempt, when)

        self.scheduler.schedule(working_time(self.rng, day + self.rng.uniform(0.5, 2.5)), act)

    def schedule_next_checkins(self, now: datetime) -> None:
        """Book each pair's next check-in over the coming working days."""
        for number, relation in enumerate(self.relations):
            moment = now + timedelta(days=1 + number % 5)
            relation.next_checkin_at = moment.replace(hour=9 + number, minute=30, second=0, microsecond=0)
        self.session.flush()


def one_per_kind(proposed: list[Activity]) -> list[Activity]:
    """The first proposed activity of each kind: a 70:20:10 blend of at most three follow-ups."""
    chosen: dict[Kind, Activity] = {}
    for activity in proposed:
        chosen.setdefault(activity.kind, activity)
    return list(chosen.values())


def rating_for(skill: float) -> int:
    """A mentor's 1-4 rating for someone who gets this share of things right."""
    return max(1, min(4, 1 + round(3 * skill)))
