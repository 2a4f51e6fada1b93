"""Item analysis pages for admins and authors: the quizzes, one quiz version's statistics, its CSV."""

from __future__ import annotations

from flask import Response, abort, render_template

from app.access import requires
from app.database import db
from app.insight import bp
from app.insight.csvs import csv_response, rounded
from app.insight.items import analyse_quiz, list_quizzes
from app.learner import catalog
from assessments.item_analysis import BINS, QuizStatistics


def _analysis(quiz_id: str, version: int) -> tuple[object, QuizStatistics]:
    try:
        return analyse_quiz(db.session, quiz_id, version)
    except catalog.ContentNotFoundError:
        abort(404)


@bp.get("/quizzes")
@requires("admin", "author")
def quizzes() -> str:
    return render_template("insight/quizzes.html", quizzes=list_quizzes(db.session))


@bp.get("/quizzes/<quiz_id>/v<id:version>")
@requires("admin", "author")
def quiz(quiz_id: str, version: int) -> str:
    published, stats = _analysis(quiz_id, version)
    bands = [(f"{i * 100 // BINS}–{(i + 1) * 100 // BINS}%", n) for i, n in enumerate(stats.distribution)]
    return render_template("insight/quiz.html", published=published, stats=stats, bands=bands)


@bp.get("/quizzes/<quiz_id>/v<id:version>.csv")
@requires("admin", "author")
def quiz_csv(quiz_id: str, version: int) -> Response:
    _published, stats = _analysis(quiz_id, version)
    header = [
        "question",
        "title",
        "attempts",
        "facility",
        "discrimination",
        "median seconds",
        "choices",
        "flags",
    ]
    rows = [
        [
            i.spec.id,
            i.spec.title,
            i.attempts,
            rounded(i.facility),
            rounded(i.discrimination),
            rounded(i.median_seconds, 1),
            " ".join(f"{c}={n}" for c, n in i.choice_counts),
            "; ".join(i.flags),
        ]
        for i in stats.items
    ]
    return csv_response(f"item-analysis-{quiz_id}-v{version}.csv", header, rows)


@bp.get("/quizzes/<quiz_id>/v<id:version>-scores.csv")
@requires("admin", "author")
def scores_csv(quiz_id: str, version: int) -> Response:
    _published, stats = _analysis(quiz_id, version)
    rows = [[f"{i * 100 // BINS}-{(i + 1) * 100 // BINS}", n] for i, n in enumerate(stats.distribution)]
    return csv_response(f"score-distribution-{quiz_id}-v{version}.csv", ["score band (%)", "attempts"], rows)
