"""Learner views: parse the request, call one service, commit once, redirect or render."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import BadRequest, Conflict, HTTPException, NotFound, UnprocessableEntity
from werkzeug.wrappers import Response

from app.access import requires
from app.database import db
from app.learner import check_forms, checks, drill_progress, drills, home, player, results, taking
from app.learner.catalog import ContentNotFoundError
from app.learner.charts import badge
from app.learner.forms import AttemptActionForm
from app.learner.recording import Learner
from app.learner.responses import read_answers_checked
from assessments.attempt_errors import (
    AttemptClosedError,
    AttemptError,
    AttemptNotFoundError,
    AttemptNotSubmittedError,
    AttemptsExhaustedError,
    InvalidResponseError,
    QuestionNotInAttemptError,
)

bp = Blueprint("learner", __name__, url_prefix="/learn")
bp.add_app_template_global(badge, "badge")

ERROR_STATUS: dict[type[Exception], type[HTTPException]] = {
    AttemptNotFoundError: NotFound,
    ContentNotFoundError: NotFound,
    AttemptClosedError: Conflict,
    AttemptNotSubmittedError: Conflict,
    AttemptsExhaustedError: Conflict,
    QuestionNotInAttemptError: BadRequest,
    InvalidResponseError: UnprocessableEntity,
}


@bp.teardown_request
def end_transaction(_error: BaseException | None) -> None:
    # Views commit what they change; anything still open here (an error page that reloaded the user, a
    # refused request) is rolled back so that no SQLite write lock outlives the request.
    db.session.rollback()


@bp.errorhandler(AttemptError)
@bp.errorhandler(ContentNotFoundError)
def refused(error: Exception) -> Any:
    db.session.rollback()
    status = next(http for kind, http in ERROR_STATUS.items() if isinstance(error, kind))
    return current_app.handle_http_exception(status(str(error)))


def learner() -> Learner:
    config = current_app.config
    return Learner(
        uid=current_user.uid,
        name=current_user.name,
        base_url=config.get("BASE_URL") or request.host_url,
        email=current_user.email,
        use_email=bool(config.get("XAPI_ACTOR_EMAIL")),
    )


@bp.get("/")
@requires("learner")
def my_learning() -> str:
    fits = request.args.get("fits", type=int)
    who = learner()
    page = home.my_learning(db.session, who, current_user, fits=fits if fits and fits > 0 else None)
    drill = drills.current(db.session, who)
    practice = drill_progress.summary(db.session, who.uid)
    db.session.commit()  # closing attempts whose time ran out (and a drill left too long)
    return render_template(
        "learner/home.html", page=page, fits_choices=home.FITS_CHOICES, drill=drill, practice=practice
    )


@bp.get("/modules/<module_id>")
@requires("learner")
def open_module(module_id: str) -> Response:
    progress = player.open_module(db.session, learner(), module_id)
    db.session.commit()
    return redirect(
        url_for(
            "learner.page", module_id=module_id, version=progress.module_version, number=progress.position + 1
        )
    )


@bp.get("/modules/<module_id>/v<id:version>/<id:number>")
@requires("learner")
def page(module_id: str, version: int, number: int) -> str:
    who = learner()
    shown = player.show_page(db.session, who, module_id, version, number)
    page_checks = checks.page_checks(db.session, who, shown.module, shown.page)
    db.session.commit()
    return render_template("learner/player.html", shown=shown, number=number, checks=page_checks)


@bp.post("/modules/<module_id>/v<id:version>/checks/<check_id>")
@requires("learner")
def answer_check(module_id: str, version: int, check_id: str) -> Response | tuple[Response | str, int]:
    """Answer a knowledge check: JSON ``{"response": …}`` or its form fields; answer JSON or go back.

    A form whose answer the check cannot take shows the module page again (422), the message at the
    check and the fields as sent; checks.js, asking for JSON, gets the same message to show there.
    """
    who = learner()
    wants_json = request.is_json or request.accept_mimetypes.best == "application/json"
    if request.is_json:
        outcome = checks.answer(db.session, who, module_id, version, check_id, posted_json(check_id))
    else:
        try:
            outcome = check_forms.answer_form(db.session, who, request.form, module_id, version, check_id)
        except InvalidResponseError as error:
            if wants_json:  # checks.js shows the message at the check
                raise UnprocessableEntity(error.message) from None
            return check_refused(who, module_id, version, check_id, error.message), 422
    db.session.commit()
    if wants_json:
        return jsonify(check=check_id, **outcome.as_json()), 200
    number = check_forms.page_number(db.session, module_id, version, check_id)
    anchor = f"check-{check_id}"
    return redirect(
        url_for("learner.page", module_id=module_id, version=version, number=number, _anchor=anchor)
    )


def posted_json(check_id: str) -> Any:
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or "response" not in body:
        raise InvalidResponseError(check_id, 'send a JSON object {"response": ...}')
    return body["response"]


def check_refused(who: Learner, module_id: str, version: int, check_id: str, message: str) -> str:
    """The check's page again, as it stands (no visit recorded), with the message at the check."""
    db.session.rollback()
    shown = check_forms.page_of_check(db.session, who, module_id, version, check_id)
    page_checks = checks.page_checks(db.session, who, shown.module, shown.page)
    number = check_forms.page_number(db.session, module_id, version, check_id)
    return render_template(
        "learner/player.html", shown=shown, number=number, checks=page_checks, problems={check_id: message}
    )


@bp.get("/modules/<module_id>/v<id:version>/media/<path:name>")
@requires("learner")
def media(module_id: str, version: int, name: str) -> Response:
    """A module's image or audio, by the relative path its pages use (immutable per version)."""
    found = player.media_file(db.session, module_id, version, f"media/{name}")
    response = Response(found.data, mimetype=found.media_type)
    response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
    # Authored SVG is served as an image only: nothing in it may run if it is opened directly.
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; style-src 'unsafe-inline'"
    return response


@bp.post("/modules/<module_id>/v<id:version>/leave")
@requires("learner")
def leave_module(module_id: str, version: int) -> Response:
    player.leave_module(db.session, learner(), module_id, version)
    db.session.commit()
    flash("Your place is saved. Pick up where you left off from My learning.", "info")
    return redirect(url_for("learner.my_learning"))


@bp.get("/quizzes/<quiz_id>")
@requires("learner")
def quiz(quiz_id: str) -> str:
    overview = taking.overview(db.session, learner(), quiz_id, request.args.get("module"))
    db.session.commit()
    return render_template("learner/quiz.html", overview=overview)


@bp.post("/quizzes/<quiz_id>/start")
@requires("learner")
def start(quiz_id: str) -> Response:
    try:
        attempt = taking.start(db.session, learner(), quiz_id, request.form.get("module") or None)
    except AttemptsExhaustedError as error:
        db.session.rollback()
        flash(f"You have used all {error.limit} attempts at this quiz.", "error")
        return redirect(url_for("learner.quiz", quiz_id=quiz_id))
    db.session.commit()
    return redirect(url_for("learner.attempt", attempt_id=attempt.id))


@bp.get("/attempts/<id:attempt_id>")
@requires("learner")
def attempt(attempt_id: int) -> Response | str:
    shown = taking.attempt_page(db.session, learner(), attempt_id)
    db.session.commit()
    if not shown.attempt.is_open:
        return redirect(url_for("learner.result", attempt_id=attempt_id))
    return render_template("learner/attempt.html", shown=shown)


@bp.post("/attempts/<id:attempt_id>")
@requires("learner")
def answer_all(attempt_id: int) -> Response | tuple[str, int]:
    """The plain form: save every answer, then submit, or leave to come back later.

    A submit with an answer the quiz cannot take (steps without a position, a word for a number) saves
    the others and shows the quiz again, the message at the question: the learner never leaves the quiz.
    """
    who = learner()
    form = AttemptActionForm()
    if not form.validate():
        raise BadRequest(" ".join(form.action.errors))
    questions = taking.questions_of(db.session, who, attempt_id)
    answers, problems = read_answers_checked(request.form, questions, attempt_id)
    problems |= taking.save_valid_answers(db.session, who, attempt_id, answers)
    if form.action.data == "leave":
        taking.suspend(db.session, who, attempt_id)
        db.session.commit()
        kept = "Your answers are saved" if not problems else "Your finished answers are saved"
        flash(f"{kept}. Come back to this quiz from My learning.", "info")
        return redirect(url_for("learner.my_learning"))
    if problems:
        shown = taking.attempt_page(db.session, who, attempt_id)
        db.session.commit()
        if shown.attempt.is_open:
            return render_template("learner/attempt.html", shown=shown, problems=problems), 422
    taking.submit(db.session, who, attempt_id)
    db.session.commit()
    return redirect(url_for("learner.result", attempt_id=attempt_id))


@bp.post("/attempts/<id:attempt_id>/answers/<question_id>")
@requires("learner")
def save_answer(attempt_id: int, question_id: str) -> tuple[Response, int]:
    """Autosave one answer: JSON ``{"response": …}`` or the question's form fields.

    Form fields that are not an answer yet (an ordering with steps still to place, "about thir" for a
    number) are not saved and not refused: the learner is still answering, and hears what to fix only if
    they submit it like that. A JSON body is an API call: a wrong one is refused (422).
    """
    who = learner()
    if request.is_json:
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or "response" not in body:
            raise InvalidResponseError(question_id, 'send a JSON object {"response": ...}')
        value = body["response"]
    else:
        views = [q for q in taking.questions_of(db.session, who, attempt_id) if q["id"] == question_id]
        if not views:
            raise QuestionNotInAttemptError(attempt_id, question_id)
        answers, problems = read_answers_checked(request.form, views, attempt_id, keep_empty=True)
        if question_id in problems:
            return jsonify(saved=False, question=question_id, incomplete=True), 200
        value = answers.get(question_id)
        if value is None:
            return jsonify(saved=False, question=question_id), 200
    try:
        taking.save_answer(db.session, who, attempt_id, question_id, value)
    except InvalidResponseError:
        if request.is_json:
            raise
        db.session.rollback()
        return jsonify(saved=False, question=question_id, incomplete=True), 200
    db.session.commit()
    return jsonify(saved=True, question=question_id), 200


@bp.post("/attempts/<id:attempt_id>/leave")
@requires("learner")
def leave_attempt(attempt_id: int) -> tuple[str, int]:
    taking.suspend(db.session, learner(), attempt_id)
    db.session.commit()
    return "", 204


@bp.get("/attempts/<id:attempt_id>/result")
@requires("learner")
def result(attempt_id: int) -> Response | str:
    try:
        shown = results.attempt_result(db.session, learner(), attempt_id)
    except AttemptNotSubmittedError:  # no result yet: back to the quiz, where the answers so far wait
        return redirect(url_for("learner.attempt", attempt_id=attempt_id))
    db.session.commit()
    return render_template("learner/result.html", shown=shown)


@bp.get("/results")
@requires("learner")
def standing() -> str:
    shown = results.standing(db.session, learner())
    db.session.commit()
    return render_template("learner/results.html", shown=shown)
