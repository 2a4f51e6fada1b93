"""Check-ins: the agenda of the next one, built from the plan, and its iCalendar file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vCalAddress, vRecur, vText

from app.accounts.models import User
from app.mentoring.models import CADENCES, CONFIRMED, SUBMITTED, FollowUp, Relationship
from app.mentoring.plans import is_overdue
from app.mentoring.progress import CompetencyStatus

RRULES = {
    "weekly": "FREQ=WEEKLY;INTERVAL=1",
    "fortnightly": "FREQ=WEEKLY;INTERVAL=2",
    "monthly": "FREQ=MONTHLY",
}


@dataclass(frozen=True, slots=True)
class Agenda:
    overdue: tuple[FollowUp, ...]
    to_confirm: tuple[FollowUp, ...]
    new_weak_spots: tuple[CompetencyStatus, ...]  # needing work, with nothing open in the plan
    wins: tuple[str, ...]

    def lines(self) -> list[str]:
        lines = [f"Overdue: {f.title} (due {f.due_date:%d %b})" for f in self.overdue if f.due_date]
        lines += [f"To talk through and confirm: {f.title}" for f in self.to_confirm]
        lines += [f"New weak spot: {s.name} ({s.percent}, {s.assessment.label})" for s in self.new_weak_spots]
        lines += [f"Win: {w}" for w in self.wins]
        return lines or ["Review the plan and agree the next steps."]


def next_checkin(relation: Relationship, now: datetime | None = None) -> datetime:
    """Return the next check-in time: the scheduled one, moved on by the cadence while it is past."""
    now = now or datetime.now(UTC)
    moment = relation.next_checkin_at or now + timedelta(days=CADENCES[relation.cadence])
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    while moment < now:
        moment += timedelta(days=CADENCES[relation.cadence])
    return moment


def build_agenda(
    followups: Sequence[FollowUp], statuses: Sequence[CompetencyStatus], *, today: date, since: datetime
) -> Agenda:
    """Build the agenda: overdue items, items to confirm, weak spots without a follow-up, recent wins."""
    planned = {f.competency_id for f in followups if f.status != CONFIRMED}
    return Agenda(
        overdue=tuple(f for f in followups if is_overdue(f, today)),
        to_confirm=tuple(f for f in followups if f.status == SUBMITTED),
        new_weak_spots=tuple(s for s in statuses if s.is_weak and s.competency_id not in planned),
        wins=tuple(recent_wins(followups, statuses, since)),
    )


def recent_wins(
    followups: Sequence[FollowUp],
    statuses: Sequence[CompetencyStatus],
    since: datetime,
    *,
    completed: str = "Completed",
) -> list[str]:
    """List the follow-ups confirmed since ``since``, then the competencies that just became proficient."""
    since = _aware(since)
    wins = [
        f"{completed} “{f.title}”"
        for f in followups
        if f.status == CONFIRMED and f.confirmed_at and _aware(f.confirmed_at) >= since
    ]
    wins += [
        f"{s.name} is now proficient"
        for s in statuses
        if s.assessment.level.value == "proficient"
        and s.previous_estimate is not None
        and s.previous_estimate < s.threshold
    ]
    return wins


def icalendar(
    relation: Relationship,
    mentor: User,
    mentee: User,
    agenda: Agenda,
    *,
    start: datetime,
    host: str = "elearn",
) -> str:
    """Return a VCALENDAR with the recurring check-in, the agenda as its description.

    Built with the ``icalendar`` package, which escapes text, encodes parameter values (RFC 6868) and
    folds lines, so no name or title can end a line or add a property of its own.
    """
    event = Event()
    event.add("uid", f"checkin-{relation.id}@{host}")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", start.astimezone(UTC))
    event.add("duration", timedelta(minutes=relation.checkin_minutes))
    event.add("rrule", vRecur.from_ical(RRULES[relation.cadence]))
    event.add("summary", f"Mentoring check-in: {mentor.name} and {mentee.name}")
    event.add("description", "\n".join(agenda.lines()))
    event.add("organizer", _address(mentor))
    event.add("attendee", _address(mentee, ROLE="REQ-PARTICIPANT"))
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//elearn//mentoring//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _address(user: User, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    address.params["CN"] = vText(user.name)
    address.params.update(params)
    return address


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
