"""What the mentor sees of a mentee's drills: how many, and which competencies they practised, lately."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.accounts.models import User
from assessments.practice.store import finished_counts, practised_competencies

PRACTICE_DAYS = 7


@dataclass(frozen=True, slots=True)
class MenteePractice:
    drills_recent: int  # finished in the last PRACTICE_DAYS days
    drills_total: int
    competencies: tuple[tuple[str, int], ...]  # (competency id, answers) in the last days, most first


def practice_of(session: Session, users: Sequence[User], *, now: datetime) -> dict[int, MenteePractice]:
    """Drills and practised competencies of each user, in three queries whatever the number of users."""
    uids = [user.uid for user in users]
    since = now - timedelta(days=PRACTICE_DAYS)
    recent = finished_counts(session, uids, since)
    total = finished_counts(session, uids)
    practised = practised_competencies(session, uids, since)
    return {
        user.id: MenteePractice(
            recent.get(user.uid, 0),
            total.get(user.uid, 0),
            tuple(sorted(practised.get(user.uid, {}).items(), key=lambda pair: (-pair[1], pair[0]))),
        )
        for user in users
    }
