"""The lead's team dashboard: per competency the team's mastery, spread, levels and weekly trend; module
assignments with their status; overdue follow-ups; the 70:20:10 balance; practice. Learners only.

Everything is read from stored states, plans and progress rows in a fixed number of queries, whatever the
size of the statement history (the weekly trend reads the mastery evidence of the last weeks only); the
competency figures are aggregated by the database, one row per competency whatever the size of the team.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.insight.assigning import AssignmentStatus, assignment_statuses
from app.mentoring.desk import TeamView, team_learners, team_view
from app.mentoring.models import FollowUp, Relationship
from app.mentoring.plans import is_overdue
from app.mentoring.progress import CompetencyStatus, learner_key, mastery_key_column
from assessments.check_answers import CheckAnswer
from assessments.mastery_summary import GroupMastery, group_mastery
from assessments.mastery_tables import EvidenceRow
from assessments.store import Attempt
from courses.model import Competency, Framework

WEEKS = 6
PRACTICE_DAYS = 7


@dataclass(frozen=True, slots=True)
class CompetencySummary:
    competency_id: str
    name: str
    threshold: float
    people: tuple[tuple[User, CompetencyStatus], ...]  # weakest first
    mean: float | None  # over the learners with evidence
    spread: float | None  # population standard deviation of the same estimates
    proficient: int
    needs_work: int
    no_evidence: int
    improving: int
    declining: int
    weekly: tuple[tuple[date, float | None], ...]  # (week end, team mean then)

    @property
    def is_weak(self) -> bool:
        return self.mean is not None and self.mean < self.threshold


@dataclass(frozen=True, slots=True)
class Practice:
    user: User
    checks: int  # knowledge-check answers in the last PRACTICE_DAYS days
    attempts: int  # quiz attempts started in the same days


@dataclass(frozen=True, slots=True)
class ModuleSummary:
    module_id: str
    due: date | None  # the earliest due date among the learners it is assigned to
    statuses: tuple[AssignmentStatus, ...]

    def count(self, status: str) -> int:
        return sum(1 for s in self.statuses if s.status == status)


@dataclass(frozen=True, slots=True)
class Dashboard:
    view: TeamView
    competencies: tuple[CompetencySummary, ...]  # weakest mean first, no evidence last
    assignments: tuple[AssignmentStatus, ...]
    overdue: tuple[tuple[User, FollowUp], ...]
    practice: tuple[Practice, ...]
    today: date

    @property
    def learners(self) -> tuple[User, ...]:
        return tuple(m.user for m in self.view.members)

    def competency(self, competency_id: str) -> CompetencySummary | None:
        return next((c for c in self.competencies if c.competency_id == competency_id), None)

    @property
    def modules(self) -> tuple[ModuleSummary, ...]:
        """The assigned modules, soonest due first, each with where its learners are."""
        by_module: dict[str, list[AssignmentStatus]] = {}
        for status in self.assignments:
            by_module.setdefault(status.module_id, []).append(status)
        summaries = [
            ModuleSummary(module_id, min((s.due for s in rows if s.due), default=None), tuple(rows))
            for module_id, rows in by_module.items()
        ]
        return tuple(sorted(summaries, key=lambda m: (m.due is None, m.due or self.today, m.module_id)))

    def module(self, module_id: str) -> ModuleSummary | None:
        return next((m for m in self.modules if m.module_id == module_id), None)

    @property
    def practising(self) -> int:
        return sum(1 for p in self.practice if p.checks or p.attempts)


def team_dashboard(
    session: Session,
    team_id: int | None,
    framework: Framework,
    *,
    today: date,
    weekly_for: Sequence[str] | None = (),
    people: bool = True,
) -> Dashboard:
    """Assemble the lead's dashboard for a team (empty for a lead without a team).

    The competency figures are aggregated by the database from the stored mastery states. Each learner's
    own status (the members' cells, the competencies' ``people``) is read only with ``people``. The weekly
    means read the evidence of the last weeks, the costliest figure: they are computed for the
    competencies in ``weekly_for`` only (every competency when None).
    """
    view = team_view(session, team_id, framework, today=today, with_mastery=people)
    members = [m.user for m in view.members]
    wanted = [c.id for c in framework.competencies] if weekly_for is None else list(weekly_for)
    weekly = _weekly_means(session, members, wanted, today) if wanted else {}
    figures = _team_mastery(session, team_id, framework) if members else {}
    summaries = []
    for index, competency in enumerate(framework.competencies):
        cells = [(m.user, m.cells[index]) for m in view.members] if people else []
        summaries.append(
            _summary(competency, figures.get(competency.id), len(members), cells, weekly.get(competency.id))
        )
    summaries.sort(key=lambda s: (s.mean is None, (s.mean or 0) - s.threshold, s.name))
    return Dashboard(
        view,
        tuple(summaries),
        tuple(assignment_statuses(session, team_id, members, today=today)),
        tuple(_overdue(session, team_id, members, today)),
        tuple(_practice(session, team_id, members, today)),
        today,
    )


def _team_mastery(session: Session, team_id: int | None, framework: Framework) -> dict[str, GroupMastery]:
    if team_id is None:
        return {}
    keys = _of_team(team_id, mastery_key_column(User.uid))
    return group_mastery(session, keys, {c.id: c.threshold for c in framework.competencies})


def _summary(
    competency: Competency,
    figures: GroupMastery | None,
    learners: int,
    people: list[tuple[User, CompetencyStatus]],
    weekly: list[tuple[date, float | None]] | None,
) -> CompetencySummary:
    measured = figures.measured if figures else 0
    proficient = figures.proficient if figures else 0
    return CompetencySummary(
        competency.id,
        competency.name,
        competency.threshold,
        tuple(sorted(people, key=lambda p: (p[1].sort_value, p[0].name))),
        figures.mean if figures else None,
        figures.spread if figures else None,
        proficient,
        measured - proficient,
        learners - measured,
        figures.improving if figures else 0,
        figures.declining if figures else 0,
        tuple(weekly or ()),
    )


def week_ends(today: date, weeks: int = WEEKS) -> list[date]:
    return [today - timedelta(days=7 * (weeks - 1 - i)) for i in range(weeks)]


def _weekly_means(
    session: Session, members: Sequence[User], competency_ids: Sequence[str], today: date
) -> dict[str, list[tuple[date, float | None]]]:
    """The team's mean estimate per competency at the end of each of the last weeks.

    A learner counts from their first evidence on, with the estimate their latest evidence left by then.
    """
    keys = {learner_key(m): m.id for m in members}
    if not keys or not competency_ids:
        return {}
    ends = week_ends(today)
    start = datetime.combine(ends[0] - timedelta(days=7), time.max, tzinfo=UTC)
    columns = (EvidenceRow.learner_key, EvidenceRow.competency_id, EvidenceRow.at, EvidenceRow.estimate_after)
    mine = EvidenceRow.learner_key.in_(keys) & EvidenceRow.competency_id.in_(competency_ids)
    recent = session.execute(select(*columns).where(mine, EvidenceRow.at > start))
    last_before = (
        select(EvidenceRow.learner_key, EvidenceRow.competency_id, func.max(EvidenceRow.at).label("at"))
        .where(mine, EvidenceRow.at <= start)
        .group_by(EvidenceRow.learner_key, EvidenceRow.competency_id)
        .subquery()
    )
    baseline = session.execute(
        select(*columns).join(
            last_before,
            (last_before.c.learner_key == EvidenceRow.learner_key)
            & (last_before.c.competency_id == EvidenceRow.competency_id)
            & (last_before.c.at == EvidenceRow.at),
        )
    )
    history: dict[str, dict[str, list[tuple[datetime, float]]]] = {}
    for key, competency_id, at, estimate in [*baseline, *recent]:
        history.setdefault(competency_id, {}).setdefault(key, []).append((_aware(at), estimate))
    cutoffs = [datetime.combine(end, time.max, tzinfo=UTC) for end in ends]
    result: dict[str, list[tuple[date, float | None]]] = {}
    for competency_id in competency_ids:
        sums, counts = [0.0] * len(ends), [0] * len(ends)
        for points in history.get(competency_id, {}).values():
            points.sort()
            moments = [at for at, _ in points]
            for week, cutoff in enumerate(cutoffs):
                position = bisect_right(moments, cutoff)
                if position:  # the estimate their latest evidence by then left
                    sums[week] += points[position - 1][1]
                    counts[week] += 1
        result[competency_id] = [
            (end, sums[i] / counts[i] if counts[i] else None) for i, end in enumerate(ends)
        ]
    return result


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _overdue(
    session: Session, team_id: int | None, members: Sequence[User], today: date
) -> list[tuple[User, FollowUp]]:
    by_id = {m.id: m for m in members}
    if team_id is None or not by_id:
        return []
    query = (
        select(FollowUp, Relationship.mentee_id)
        .join(Relationship, Relationship.id == FollowUp.relationship_id)
        .where(
            Relationship.mentee_id.in_(_of_team(team_id, User.id)),
            Relationship.is_active.is_(True),
            FollowUp.due_date < today,
        )
    )
    found = [
        (by_id[mentee], f) for f, mentee in session.execute(query) if mentee in by_id and is_overdue(f, today)
    ]
    return sorted(found, key=lambda p: (p[1].due_date or today, p[0].name))


def _practice(session: Session, team_id: int | None, members: Sequence[User], today: date) -> list[Practice]:
    by_uid = {m.uid: m for m in members}
    if team_id is None or not by_uid:
        return []
    since = datetime.combine(today - timedelta(days=PRACTICE_DAYS), time.max, tzinfo=UTC)
    uids = _of_team(team_id, User.uid)
    checks = dict(
        session.execute(
            select(CheckAnswer.learner_id, func.count())
            .where(CheckAnswer.learner_id.in_(uids), CheckAnswer.answered_at > since)
            .group_by(CheckAnswer.learner_id)
        ).all()
    )
    attempts = dict(
        session.execute(
            select(Attempt.learner_id, func.count())
            .where(Attempt.learner_id.in_(uids), Attempt.started_at > since)
            .group_by(Attempt.learner_id)
        ).all()
    )
    return [Practice(user, checks.get(uid, 0), attempts.get(uid, 0)) for uid, user in by_uid.items()]


def _of_team(team_id: int, column: Any) -> Select[Any]:
    """One column of the team's learners, as a subquery: a list of hundreds of values costs more to
    send (and for the database to parse) than the query that finds them."""
    return team_learners(team_id).with_only_columns(column)
