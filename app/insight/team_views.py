"""The lead's pages: the team dashboard (served at the lead's home, ``mentoring.team``), a competency's
people, a person, assigning modules, and a CSV of every table. Each route checks the lead's team."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from flask import Response, abort, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from app.access import requires
from app.database import db
from app.insight import bp
from app.insight.assigning import assign_modules
from app.insight.csvs import csv_response, rounded
from app.insight.forms import AssignForm
from app.insight.items import list_quizzes
from app.insight.person import PersonView, person_view, team_learner
from app.insight.team import Dashboard, team_dashboard
from app.learner import catalog
from app.mentoring import content
from app.mentoring.charts import balance_bars
from app.mentoring.views.common import current_account, today


def dashboard(weekly_for: Sequence[str] | None = (), *, people: bool = False) -> Dashboard:
    """The current lead's dashboard; ``people`` adds each learner's status per competency."""
    framework = content.framework(db.session)
    team_id = current_account().team_id
    return team_dashboard(db.session, team_id, framework, today=today(), weekly_for=weekly_for, people=people)


def assign_form(board: Dashboard) -> AssignForm:
    form = AssignForm()
    form.modules.choices = [
        SelectChoice(m.module.id, m.module.title) for m in catalog.list_modules(db.session)
    ]
    form.people.choices = [SelectChoice(u.id, u.name) for u in board.learners]
    return form


def render_dashboard(form: AssignForm | None = None, board: Dashboard | None = None) -> str:
    """The lead's home: the dashboard with the assign form."""
    board = board or dashboard()
    titles = {m.module.id: m.module.title for m in catalog.list_modules(db.session)}
    return render_template(
        "insight/team.html",
        board=board,
        view=board.view,
        bars=balance_bars(board.view.balance),
        form=form or assign_form(board),
        titles=titles,
    )


@bp.post("/team/assignments")
@requires("lead")
def assign() -> BaseResponse | tuple[str, int]:
    board = dashboard()
    form = assign_form(board)
    if current_account().team_id is None:
        abort(404)
    if not form.validate_on_submit():
        return render_dashboard(form, board), 400
    people = None
    if form.who.data == "people":
        chosen = set(form.people.data or [])
        people = [u for u in board.learners if u.id in chosen]
    assign_modules(
        db.session,
        team_id=current_account().team_id,
        module_ids=form.modules.data,
        due=form.due.data,
        people=people,
        assigned_by=current_account().id,
    )
    db.session.commit()
    who = "the team" if people is None else ", ".join(u.name for u in people)
    flash(f"Assigned {len(form.modules.data)} module(s) to {who}.", "success")
    return redirect(url_for("mentoring.team") + "#assignments")


@bp.get("/team/competencies/<competency_id>")
@requires("lead")
def competency(competency_id: str) -> str:
    board = dashboard(weekly_for=[competency_id], people=True)
    summary = board.competency(competency_id)
    if summary is None:
        abort(404)
    return render_template("insight/competency.html", board=board, summary=summary)


@bp.get("/team/people")
@requires("lead")
def people() -> str:
    board = dashboard(people=True)
    practice = {p.user.id: p for p in board.practice}
    return render_template("insight/people.html", board=board, view=board.view, practice=practice)


@bp.get("/team/modules/<module_id>")
@requires("lead")
def module(module_id: str) -> str:
    try:
        published = catalog.get_module(db.session, module_id)
    except catalog.ContentNotFoundError:
        abort(404)
    board = dashboard()
    return render_template("insight/module.html", published=published, summary=board.module(module_id))


def _person(user_id: int) -> PersonView:
    user = team_learner(db.session, current_account().team_id, user_id)
    if user is None:
        abort(404)
    return person_view(db.session, user, content.framework(db.session), today=today())


@bp.get("/team/people/<id:user_id>")
@requires("lead")
def person(user_id: int) -> str:
    view = _person(user_id)
    quizzes = {q.quiz_id: q.title for q in list_quizzes(db.session)}
    titles = {m.module.id: m.module.title for m in catalog.list_modules(db.session)}
    return render_template("insight/person.html", person=view, quizzes=quizzes, titles=titles)


# Every table of the dashboard as CSV: name -> (header, rows from the dashboard).
Table = Callable[[Dashboard], tuple[Sequence[str], list[list[Any]]]]


def _competencies(board: Dashboard) -> tuple[Sequence[str], list[list[Any]]]:
    header = [
        "competency",
        "threshold",
        "mean",
        "spread (sd)",
        "proficient",
        "needs work",
        "no evidence",
        "improving",
        "declining",
    ]
    rows = [
        [
            c.name,
            rounded(c.threshold, 2),
            rounded(c.mean),
            rounded(c.spread),
            c.proficient,
            c.needs_work,
            c.no_evidence,
            c.improving,
            c.declining,
        ]
        for c in board.competencies
    ]
    return header, rows


def _weekly(board: Dashboard) -> tuple[Sequence[str], list[list[Any]]]:
    ends = (
        [end for end, _ in board.competencies[0].weekly]
        if board.competencies and board.competencies[0].weekly
        else []
    )
    header = ["competency", *[f"week to {end.isoformat()}" for end in ends]]
    return header, [[c.name, *[rounded(v) for _, v in c.weekly]] for c in board.competencies]


def _assignments(board: Dashboard) -> tuple[Sequence[str], list[list[Any]]]:
    rows = [
        [a.user.name, a.user.email, a.module_id, a.due.isoformat() if a.due else "", a.status]
        for a in board.assignments
    ]
    return ["learner", "email", "module", "due", "status"], rows


def _overdue(board: Dashboard) -> tuple[Sequence[str], list[list[Any]]]:
    rows = [[u.name, f.title, f.kind, f.due_date.isoformat() if f.due_date else ""] for u, f in board.overdue]
    return ["learner", "follow-up", "kind", "due"], rows


def _practice(board: Dashboard) -> tuple[Sequence[str], list[list[Any]]]:
    rows = [[p.user.name, p.checks, p.attempts] for p in board.practice]
    return ["learner", "knowledge checks (7 days)", "quiz attempts (7 days)"], rows


TABLES: dict[str, Table] = {
    "competencies": _competencies,
    "weekly": _weekly,
    "assignments": _assignments,
    "overdue": _overdue,
    "practice": _practice,
}


@bp.get("/team/<table>.csv")
@requires("lead")
def team_table_csv(table: str) -> Response:
    build = TABLES.get(table)
    if build is None:
        abort(404)
    header, rows = build(dashboard(weekly_for=None if table == "weekly" else ()))
    return csv_response(f"team-{table}.csv", header, rows)


@bp.get("/team/competencies/<competency_id>.csv")
@requires("lead")
def competency_csv(competency_id: str) -> Response:
    summary = dashboard(people=True).competency(competency_id)
    if summary is None:
        abort(404)
    rows = [
        [u.name, rounded(s.assessment.estimate), s.assessment.level.value, s.assessment.trend.value]
        for u, s in summary.people
    ]
    return csv_response(f"team-{competency_id}.csv", ["learner", "estimate", "level", "trend"], rows)


@bp.get("/team/people/<id:user_id>.csv")
@requires("lead")
def person_csv(user_id: int) -> Response:
    view = _person(user_id)
    name = view.user.name
    rows: list[list[Any]] = [
        ["mastery", s.name, rounded(s.assessment.estimate), s.assessment.level.value, ""]
        for s in view.mastery
    ]
    rows += [
        [
            "result",
            a.quiz_id,
            rounded(a.score_scaled),
            "passed" if a.passed else "not passed",
            a.submitted_at.date().isoformat() if a.submitted_at else "",
        ]
        for a in view.results
    ]
    rows += [
        ["plan", f.title, f.kind, f.status, f.due_date.isoformat() if f.due_date else ""] for f in view.plan
    ]
    rows += [
        ["assignment", a.module_id, "", a.status, a.due.isoformat() if a.due else ""]
        for a in view.assignments
    ]
    rows = [[name, *row] for row in rows]
    return csv_response(
        f"learner-{user_id}.csv", ["learner", "table", "item", "value", "status", "date"], rows
    )
