"""The mentor's desk and the mentee page (mentors, for their own mentees only)."""

from __future__ import annotations

import json

from flask import abort, jsonify, render_template
from sqlalchemy import select
from werkzeug.wrappers import Response

import courses
from app.access import requires
from app.database import db
from app.mentoring import bp, checkins, content, evidence_text, grading, notes
from app.mentoring.charts import balance_bars, line_chart
from app.mentoring.desk import mentor_desk
from app.mentoring.plans import is_overdue, plan_balance
from app.mentoring.progress import history, learner_key, statuses
from app.mentoring.views.common import current_account, my_mentee, today
from assessments.mastery_store import evidence_for
from assessments.store import Attempt
from learning_record_store.storage import find_statements


@bp.get("/")
@requires("mentor")
def desk() -> str:
    mentor = current_account()
    board = mentor_desk(db.session, mentor, content.framework(db.session), today=today())
    essays = len(grading.queue(db.session, [row.user for row in board.rows]))
    return render_template("mentoring/desk.html", desk=board, essays_waiting=essays)


@bp.get("/mentees/<int:mentee_id>")
@requires("mentor")
def mentee(mentee_id: int) -> str:
    relation, person = my_mentee(mentee_id)
    framework = content.framework(db.session)
    rows = statuses(db.session, [person], framework)[person.id]
    followups = list(relation.followups)
    agenda = checkins.build_agenda(followups, rows, today=today(), since=relation.created_at)
    charts = {
        s.competency_id: line_chart(history(db.session, person, s.competency_id), s.threshold) for s in rows
    }
    balance = plan_balance(followups)
    results = _recent_results(person.uid)
    return render_template(
        "mentoring/mentee.html",
        mentee=person,
        relation=relation,
        statuses=rows,
        followups=followups,
        balance=balance,
        bars=balance_bars(balance),
        charts=charts,
        notes=notes.visible_notes(db.session, relation, current_account()),
        agenda=agenda,
        next_checkin=checkins.next_checkin(relation),
        today=today(),
        is_overdue=is_overdue,
        names=content.competency_names(db.session),
        results=results,
        quiz_titles=_quiz_titles(results),
        open_followups=[f for f in followups if f.status != "confirmed"],
    )


def _quiz_titles(results: list[Attempt]) -> dict[str, str]:
    """Return the title of each quiz among the results (its id when it is no longer published)."""
    titles = {}
    for quiz_id in {a.quiz_id for a in results}:
        published = courses.get_quiz(db.session, quiz_id)
        titles[quiz_id] = published.info.title if published else quiz_id
    return titles


def _recent_results(uid: str) -> list[Attempt]:
    query = (
        select(Attempt)
        .where(Attempt.learner_id == uid, Attempt.submitted_at.is_not(None))
        .order_by(Attempt.submitted_at.desc())
        .limit(10)
    )
    return list(db.session.scalars(query))


@bp.get("/mentees/<int:mentee_id>/mastery.json")
@requires("mentor")
def mastery_json(mentee_id: int) -> Response:
    _relation, person = my_mentee(mentee_id)
    framework = content.framework(db.session)
    rows = statuses(db.session, [person], framework)[person.id]
    return jsonify(
        {
            "learner": person.name,
            "competencies": [
                {
                    "id": s.competency_id,
                    "name": s.name,
                    "threshold": s.threshold,
                    "estimate": s.assessment.estimate,
                    "evidence": s.assessment.count,
                    "level": s.assessment.level.value,
                    "trend": s.assessment.trend.value,
                    "history": [
                        {"at": at, "estimate": value}
                        for at, value in history(db.session, person, s.competency_id)
                    ],
                }
                for s in rows
            ],
        }
    )


@bp.get("/mentees/<int:mentee_id>/evidence/<competency_id>")
@requires("mentor")
def evidence(mentee_id: int, competency_id: str) -> str:
    _relation, person = my_mentee(mentee_id)
    framework = content.framework(db.session)
    competency = framework.get(competency_id)
    if competency is None:
        abort(404)
    rows = evidence_text.describe(db.session, evidence_for(db.session, learner_key(person), competency_id))
    status = next(
        s for s in statuses(db.session, [person], framework)[person.id] if s.competency_id == competency_id
    )
    return render_template(
        "mentoring/evidence.html", mentee=person, competency=competency, rows=rows, status=status
    )


@bp.get("/mentees/<int:mentee_id>/statements/<statement_id>")
@requires("mentor")
def statement(mentee_id: int, statement_id: str) -> str:
    """Show one statement behind an estimate (only statements that are evidence about this mentee)."""
    _relation, person = my_mentee(mentee_id)
    if not any(row.statement_id == statement_id for row in evidence_for(db.session, learner_key(person))):
        abort(404)
    row = find_statements(db.session, [statement_id]).get(statement_id)
    if row is None:
        abort(404)
    pretty = json.dumps(json.loads(row.payload), indent=2, ensure_ascii=False)
    return render_template(
        "mentoring/statement.html", mentee=person, statement_id=statement_id, payload=pretty
    )
