"""The mentor's desk and the lead's team view, assembled in a handful of queries.

Everything here reads stored mastery states (kept current on ingest) and plan rows; nothing walks the
statement history, so the desk costs the same for a mentee with ten statements or ten thousand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, lazyload, selectinload

from app.accounts.models import Role, User
from app.mentoring.checkins import recent_wins
from app.mentoring.models import CONFIRMED, SUBMITTED, FollowUp, Relationship
from app.mentoring.plans import is_overdue, plan_balance
from app.mentoring.progress import CompetencyStatus, statuses, weak_competencies
from app.mentoring.relationships import relationships_of_mentor
from courses.blend import Balance
from courses.model import Framework

WIN_DAYS = 14


@dataclass(frozen=True, slots=True)
class MenteeRow:
    user: User
    relation: Relationship
    cells: tuple[CompetencyStatus, ...]  # in the desk's column order
    weak: tuple[str, ...]
    overdue: int
    open: int

    @property
    def weakest(self) -> float:
        return min((c.sort_value for c in self.cells), default=2.0)


@dataclass(frozen=True, slots=True)
class Desk:
    columns: tuple[tuple[str, str], ...]  # (competency id, name), weakest first across mentees
    rows: tuple[MenteeRow, ...]  # weakest first
    declining: tuple[tuple[User, CompetencyStatus], ...]
    overdue: tuple[tuple[User, FollowUp], ...]
    to_confirm: tuple[tuple[User, FollowUp], ...]
    wins: tuple[tuple[User, str], ...]
    essays_waiting: int = 0


def mentor_desk(session: Session, mentor: User, framework: Framework, *, today: date) -> Desk:
    """Assemble the desk of one mentor: heat map, declining, overdue, to confirm, wins."""
    relations = relationships_of_mentor(session, mentor.id)
    users = _users(session, [r.mentee_id for r in relations])
    by_user = statuses(session, list(users.values()), framework)
    followups = _followups(session, [r.id for r in relations])
    columns = _columns(framework, by_user)
    rows, declining, overdue, to_confirm, wins = [], [], [], [], []
    since = datetime.now(UTC) - timedelta(days=WIN_DAYS)
    for relation in relations:
        user = users.get(relation.mentee_id)
        if user is None:
            continue
        mine = followups.get(relation.id, [])
        status_by_id = {s.competency_id: s for s in by_user[user.id]}
        cells = tuple(status_by_id[c] for c, _ in columns)
        late = [f for f in mine if is_overdue(f, today)]
        rows.append(
            MenteeRow(
                user,
                relation,
                cells,
                tuple(weak_competencies(cells)),
                len(late),
                sum(1 for f in mine if f.status != CONFIRMED),
            )
        )
        declining += [(user, s) for s in cells if s.is_declining]
        overdue += [(user, f) for f in late]
        to_confirm += [(user, f) for f in mine if f.status == SUBMITTED]
        wins += [(user, w) for w in recent_wins(mine, cells, since, completed="completed")]
    rows.sort(key=lambda r: (r.weakest, r.user.name))
    return Desk(tuple(columns), tuple(rows), tuple(declining), tuple(overdue), tuple(to_confirm), tuple(wins))


def _columns(framework: Framework, by_user: dict[int, list[CompetencyStatus]]) -> list[tuple[str, str]]:
    def weakness(competency_id: str) -> float:
        values = [s.sort_value for rows in by_user.values() for s in rows if s.competency_id == competency_id]
        return sum(values) / len(values) if values else 2.0

    return sorted(((c.id, c.name) for c in framework.competencies), key=lambda c: weakness(c[0]))


def _users(session: Session, ids: Sequence[int]) -> dict[int, User]:
    if not ids:
        return {}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))}


def _followups(session: Session, relation_ids: Sequence[int]) -> dict[int, list[FollowUp]]:
    found: dict[int, list[FollowUp]] = {}
    if not relation_ids:
        return found
    query = select(FollowUp).where(FollowUp.relationship_id.in_(relation_ids)).order_by(FollowUp.id)
    for followup in session.scalars(query):
        found.setdefault(followup.relationship_id, []).append(followup)
    return found


@dataclass(frozen=True, slots=True)
class TeamMember:
    user: User
    cells: tuple[CompetencyStatus, ...]
    planned: int
    completed: int
    overdue: int
    balance: Balance


@dataclass(frozen=True, slots=True)
class TeamView:
    columns: tuple[tuple[str, str], ...]
    members: tuple[TeamMember, ...]
    balance: Balance
    overdue: int = field(default=0)


def team_view(
    session: Session, team_id: int | None, framework: Framework, *, today: date, with_mastery: bool = True
) -> TeamView:
    """The lead's view: competencies, completion, overdue and plan balance per learner and for the team.

    Without ``with_mastery`` the learners' rows carry no competency cells (a page showing only team
    figures reads those aggregated: ``assessments.mastery_summary``).
    """
    members: list[User] = []
    followups: dict[int, list[FollowUp]] = {}
    if team_id is not None:
        # The learners' roles are known (the query selects learners) and nothing here reads them.
        query = team_learners(team_id).options(lazyload(User.role_rows)).order_by(User.name)
        members = list(session.scalars(query))
        relations = (
            select(Relationship)
            .options(selectinload(Relationship.followups))
            .where(Relationship.mentee_id.in_(_ids_of(team_id)), Relationship.is_active.is_(True))
        )
        for relation in session.scalars(relations):
            followups.setdefault(relation.mentee_id, []).extend(relation.followups)
    by_user = statuses(session, members, framework) if with_mastery else {}
    columns = tuple((c.id, c.name) for c in framework.competencies)
    no_plan = plan_balance([])  # most of a large team: worked out once
    rows = []
    for member in members:
        mine = followups.get(member.id, [])
        rows.append(
            TeamMember(
                member,
                tuple(by_user.get(member.id, ())),
                len(mine),
                sum(1 for f in mine if f.is_done),
                sum(1 for f in mine if is_overdue(f, today)),
                plan_balance(mine) if mine else no_plan,
            )
        )
    everything = [f for items in followups.values() for f in items]
    return TeamView(columns, tuple(rows), plan_balance(everything), sum(r.overdue for r in rows))


def team_learners(team_id: int) -> Select[tuple[User]]:
    """Select the learners of a team: the lead, the team's mentors and admins are not what it measures."""
    learners = select(Role.user_id).where(Role.name == "learner")
    return select(User).where(User.team_id == team_id, User.id.in_(learners))


def _ids_of(team_id: int) -> Select[tuple[int]]:
    # A subquery rather than a list of the ids: hundreds of bound values cost more to send than the query.
    return team_learners(team_id).with_only_columns(User.id)
