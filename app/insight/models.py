"""Modules a lead assigned to chosen people of the team (``insight_*``); whole-team assignments are the
assessments domain's ``assessment_team_assignment``. People are account ids, without a foreign key."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app import clock


class Base(DeclarativeBase):
    pass


class PersonAssignment(Base):
    __tablename__ = "insight_person_assignment"
    __table_args__ = (UniqueConstraint("user_id", "module_id", name="uq_insight_person_assignment_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    module_id: Mapped[str] = mapped_column(String(100))
    due: Mapped[date | None] = mapped_column(Date)
    assigned_by: Mapped[int | None] = mapped_column(Integer)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now)
