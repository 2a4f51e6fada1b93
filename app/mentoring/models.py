"""Mentoring tables: enrolments, relationships, goals, follow-ups, notes, notifications (``mentoring_*``).

People are referred to by account id (an int) without a foreign key: the accounts tables belong to another
declarative base and another migration branch.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app import clock

CADENCES = {"weekly": 7, "fortnightly": 14, "monthly": 30}  # days between check-ins
ASSIGNED, SUBMITTED, CONFIRMED, RETURNED = "assigned", "submitted", "confirmed", "returned"


def utcnow() -> datetime:
    return clock.now()


class Base(DeclarativeBase):
    pass


class Enrolment(Base):
    """A person enrolled as a mentor (with capacity and strengths) or as a mentee."""

    __tablename__ = "mentoring_enrolment"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    role: Mapped[str] = mapped_column(String(10))  # "mentor" | "mentee"
    capacity: Mapped[int] = mapped_column(Integer, default=0)  # mentors: how many mentees at most
    strengths: Mapped[str] = mapped_column(
        String(1000), default=""
    )  # mentors: competency ids, comma-separated

    @property
    def strength_ids(self) -> list[str]:
        return [s for s in self.strengths.split(",") if s]


class Relationship(Base):
    __tablename__ = "mentoring_relationship"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(Integer, index=True)
    mentee_id: Mapped[int] = mapped_column(Integer, index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    cadence: Mapped[str] = mapped_column(String(12), default="fortnightly")
    checkin_minutes: Mapped[int] = mapped_column(Integer, default=30)
    next_checkin_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    goals: Mapped[list[Goal]] = relationship(cascade="all, delete-orphan", order_by="Goal.id")
    followups: Mapped[list[FollowUp]] = relationship(cascade="all, delete-orphan", order_by="FollowUp.id")


class Goal(Base):
    """A goal agreed by mentor and mentee, with a target date."""

    __tablename__ = "mentoring_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    relationship_id: Mapped[int] = mapped_column(ForeignKey("mentoring_relationship.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(500))
    target_date: Mapped[date | None] = mapped_column(Date)
    is_met: Mapped[bool] = mapped_column(Boolean, default=False)


class FollowUp(Base):
    """One assigned activity of a plan: from the playbook or written by the mentor."""

    __tablename__ = "mentoring_followup"

    id: Mapped[int] = mapped_column(primary_key=True)
    relationship_id: Mapped[int] = mapped_column(
        ForeignKey("mentoring_relationship.id", ondelete="CASCADE"), index=True
    )
    competency_id: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(12))  # experience | exposure | education
    activity_id: Mapped[str | None] = mapped_column(String(120))  # playbook id; None for the mentor's own
    title: Mapped[str] = mapped_column(String(300))
    instructions: Mapped[str] = mapped_column(Text, default="")  # HTML from the playbook, text otherwise
    completes: Mapped[str] = mapped_column(String(500), default="")
    effort_minutes: Mapped[int] = mapped_column(Integer)
    module_id: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(12), default=ASSIGNED)
    due_date: Mapped[date | None] = mapped_column(Date)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reflection: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    mentor_feedback: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None] = mapped_column(Integer)  # the mentor's 1-4 rating of the observed practice

    @property
    def is_done(self) -> bool:
        return self.status == CONFIRMED


class Note(Base):
    """A mentor's note on a relationship: private (author only) or shared with the mentee."""

    __tablename__ = "mentoring_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    relationship_id: Mapped[int] = mapped_column(
        ForeignKey("mentoring_relationship.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(Integer)
    is_shared: Mapped[bool] = mapped_column(Boolean, default=False)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Notification(Base):
    __tablename__ = "mentoring_notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(30))
    message: Mapped[str] = mapped_column(String(500))
    link: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True)  # "due-soon:<followup>:<date>"
