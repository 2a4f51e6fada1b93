"""The lead's team page (the insight dashboard) and its learners-by-competency CSV; never notes."""

from __future__ import annotations

import csv
import io

from flask import Response as FlaskResponse

from app.access import requires
from app.database import db
from app.mentoring import bp, content
from app.mentoring.desk import TeamView, team_view
from app.mentoring.views.common import current_account, today


def _view() -> TeamView:
    return team_view(db.session, current_account().team_id, content.framework(db.session), today=today())


@bp.get("/team")
@requires("lead")
def team() -> str:
    """The lead's home: the team dashboard (app.insight)."""
    from app.insight.team_views import render_dashboard

    return render_dashboard()


@bp.get("/team.csv")
@requires("lead")
def team_csv() -> FlaskResponse:
    view = _view()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "learner",
            "email",
            *[f"{name} (%)" for _id, name in view.columns],
            "follow-ups planned",
            "follow-ups completed",
            "overdue",
            "experience min",
            "exposure min",
            "education min",
        ]
    )
    for member in view.members:
        estimates = [
            "" if c.assessment.estimate is None else round(c.assessment.estimate * 100) for c in member.cells
        ]
        minutes = [k.planned for k in member.balance.kinds]
        writer.writerow(
            [
                member.user.name,
                member.user.email,
                *estimates,
                member.planned,
                member.completed,
                member.overdue,
                *minutes,
            ]
        )
    return FlaskResponse(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="team-progress.csv"'},
    )
