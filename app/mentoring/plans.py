"""Plans: goals and follow-ups of one mentoring relationship, and the steps of a follow-up's life.

assigned ──(mentee: done + reflection)──▶ submitted ──(mentor)──▶ confirmed
   ▲                                          │
   └──────────────(mentor: send back)─────────┘ returned
Education items skip the middle: completing their module confirms them (see ``ingest``).
Each step records its xAPI statement in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.accounts.models import User
from app.mentoring import statements
from app.mentoring.models import ASSIGNED, CONFIRMED, RETURNED, SUBMITTED, FollowUp, Goal, Relationship
from app.mentoring.notifications import notify
from app.mentoring.relationships import MentoringError
from courses.blend import Balance, Effort, balance, propose
from courses.playbook import Activity, Kind, Playbook
from learning_record_store.vocabulary import Verb

RECENT_DAYS = 60  # playbook activities done this recently are not proposed again


@dataclass(frozen=True, slots=True)
class NewFollowUp:
    """A follow-up the mentor is about to assign: a playbook activity (maybe edited) or their own."""

    competency_id: str
    kind: Kind
    title: str
    effort_minutes: int
    completes: str
    instructions: str = ""
    module_id: str | None = None
    activity_id: str | None = None
    due_date: date | None = None

    @classmethod
    def from_activity(cls, activity: Activity, due_date: date | None = None) -> NewFollowUp:
        return cls(
            activity.competency_id,
            activity.kind,
            activity.title,
            activity.effort_minutes,
            activity.completes,
            activity.instructions_html,
            activity.module_id,
            activity.id,
            due_date,
        )


def proposal(
    session: Session, relation: Relationship, playbook: Playbook, weak: Sequence[str]
) -> list[Activity]:
    """Propose a 70:20:10 blend for the weak competencies, skipping what is open or was done recently."""
    return propose(playbook, weak, skip=_recent_activity_ids(relation))


def _recent_activity_ids(relation: Relationship) -> set[str]:
    since = clock.now() - timedelta(days=RECENT_DAYS)
    return {
        f.activity_id
        for f in relation.followups
        if f.activity_id and (f.status != CONFIRMED or (f.confirmed_at and _aware(f.confirmed_at) >= since))
    }


def assign(
    session: Session, relation: Relationship, items: Iterable[NewFollowUp], *, mentor: User, mentee: User
) -> list[FollowUp]:
    """Assign follow-ups to the mentee, one statement and one notification each."""
    created = []
    for item in items:
        if item.effort_minutes <= 0 or not item.title.strip():
            raise MentoringError("every follow-up needs a title and an effort in minutes")
        if item.kind is Kind.EDUCATION and not item.module_id:
            raise MentoringError("an education follow-up names a module")
        followup = FollowUp(
            relationship_id=relation.id,
            competency_id=item.competency_id,
            kind=item.kind.value,
            activity_id=item.activity_id,
            title=item.title.strip()[:300],
            instructions=item.instructions,
            completes=item.completes[:500],
            effort_minutes=item.effort_minutes,
            module_id=item.module_id,
            status=ASSIGNED,
            due_date=item.due_date,
            reflection="",
            mentor_feedback="",
        )
        session.add(followup)
        session.flush()
        created.append(followup)
    statements.record(
        session, [statements.followup_statement(Verb.ASSIGNED, f, mentee, mentor) for f in created]
    )
    if created:
        notify(
            session,
            mentee.id,
            "followup-assigned",
            f"{mentor.name} added {len(created)} follow-up{'s' if len(created) > 1 else ''} to your plan",
            "/mentoring/my-plan",
        )
    return created


def submit(session: Session, followup: FollowUp, reflection: str, *, mentee: User, mentor: User) -> None:
    """The mentee marks an experience or exposure follow-up done, with a short reflection."""
    if followup.kind == Kind.EDUCATION:
        raise MentoringError("education follow-ups complete themselves when you complete the module")
    if followup.status not in (ASSIGNED, RETURNED):
        raise MentoringError("this follow-up is not open")
    if len(reflection.strip()) < 10:
        raise MentoringError("write a short reflection (at least a sentence) on what you did and learnt")
    followup.status, followup.reflection = SUBMITTED, reflection.strip()[:4000]
    followup.submitted_at = clock.now()
    statements.record(session, [statements.followup_statement(Verb.COMPLETED, followup, mentee, mentor)])
    notify(
        session,
        mentor.id,
        "followup-submitted",
        f"{mentee.name} completed “{followup.title}”",
        f"/mentoring/mentees/{mentee.id}",
    )


def confirm(
    session: Session, followup: FollowUp, *, rating: int, feedback: str, mentor: User, mentee: User
) -> None:
    """The mentor confirms a submitted follow-up with a 1-4 rating of the practice (mastery evidence)."""
    if followup.status != SUBMITTED:
        raise MentoringError("only follow-ups the mentee marked done can be confirmed")
    if not 1 <= rating <= statements.RATING_MAX:
        raise MentoringError("rate the practice from 1 to 4")
    followup.status, followup.rating, followup.mentor_feedback = CONFIRMED, rating, feedback.strip()[:4000]
    followup.confirmed_at = clock.now()
    statements.record(session, [statements.followup_statement(Verb.CONFIRMED, followup, mentee, mentor)])
    notify(
        session,
        mentee.id,
        "followup-confirmed",
        f"{mentor.name} confirmed “{followup.title}”",
        "/mentoring/my-plan",
    )


def send_back(session: Session, followup: FollowUp, *, feedback: str, mentor: User, mentee: User) -> None:
    """The mentor sends a submitted follow-up back with a note on what is missing."""
    if followup.status != SUBMITTED:
        raise MentoringError("only follow-ups the mentee marked done can be sent back")
    if not feedback.strip():
        raise MentoringError("say what is missing when you send a follow-up back")
    followup.status, followup.mentor_feedback = RETURNED, feedback.strip()[:4000]
    statements.record(session, [statements.followup_statement(statements.RETURNED, followup, mentee, mentor)])
    notify(
        session,
        mentee.id,
        "followup-returned",
        f"{mentor.name} sent back “{followup.title}”: {feedback}",
        "/mentoring/my-plan",
    )


def remove(session: Session, followup: FollowUp) -> None:
    if followup.status == CONFIRMED:
        raise MentoringError("confirmed follow-ups stay in the plan")
    session.delete(followup)
    session.flush()


def add_goal(session: Session, relation: Relationship, text: str, target_date: date | None) -> Goal:
    if not text.strip():
        raise MentoringError("a goal needs a description")
    goal = Goal(relationship_id=relation.id, text=text.strip()[:500], target_date=target_date, is_met=False)
    session.add(goal)
    session.flush()
    return goal


def plan_balance(followups: Iterable[FollowUp]) -> Balance:
    return balance(Effort(Kind(f.kind), f.effort_minutes, f.is_done) for f in followups)


def is_overdue(followup: FollowUp, today: date) -> bool:
    return (
        followup.status in (ASSIGNED, RETURNED)
        and followup.due_date is not None
        and followup.due_date < today
    )


def get_followup(session: Session, followup_id: int) -> FollowUp | None:
    return session.get(FollowUp, followup_id)


def open_education(session: Session, mentee_ids: Sequence[int]) -> list[tuple[FollowUp, Relationship]]:
    query = (
        select(FollowUp, Relationship)
        .join(Relationship, Relationship.id == FollowUp.relationship_id)
        .where(
            Relationship.mentee_id.in_(mentee_ids),
            Relationship.is_active.is_(True),
            FollowUp.kind == Kind.EDUCATION.value,
            FollowUp.status.in_((ASSIGNED, RETURNED)),
        )
    )
    return [(f, r) for f, r in session.execute(query)]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
