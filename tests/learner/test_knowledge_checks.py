"""Inline knowledge checks in the module player: shown without their key, answered for practice."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from app.database import get_db
from app.learner import catalog, checks
from assessments import check_answers
from assessments.check_answers import CheckAnswer
from assessments.question_types import ResponseError
from assessments.shown_ids import to_shown
from assessments.store import Attempt, ModuleProgress
from learning_record_store import query_statements
from learning_record_store.vocabulary import Extension
from tests.conftest import csrf_token_from
from tests.learner.browser import chromium, serious_violations, sign_in

MODULE = "/learn/modules/active-listening/v1"
CHECK = f"{MODULE}/checks/best-paraphrase"  # on page 4; "b" is right
RIGHT_FEEDBACK = "Yes: short, uses the caller&#39;s details, and checks with them."
WRONG_FEEDBACK = "This jumps straight to action without showing you have understood."
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


def open_check_page(client: Any) -> str:
    client.get("/learn/modules/active-listening")
    page = client.get(f"{MODULE}/4")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def answer(client: Any, token: str, response: Any, url: str = CHECK, *, uid: str | None = None) -> Any:
    """Post a response written in source ids, translated into the ids the learner's page shows."""
    headers = {"X-CSRFToken": token, "Accept": "application/json"}
    check_id = url.rsplit("/", 1)[1]
    shown = as_shown(client.application, uid or client.user.uid, check_id, response)
    return client.post(url, json={"response": shown}, headers=headers)


def as_shown(app: Flask, uid: str, check_id: str, response: Any, module: str = "active-listening") -> Any:
    """A check response in source ids, in the ids that learner's page shows (unknown ids pass unchanged)."""
    with app.app_context(), get_db(app).transaction() as session:
        progress = session.query(ModuleProgress).filter_by(learner_id=uid, module_id=module).one_or_none()
        found = catalog.get_module(session, module, 1)
        question = next((q for q in found.module.checks if q.id == check_id), None)
        if progress is None or question is None:
            return response
        ids = checks.shown_ids(question, progress)
        try:
            return to_shown(question, response, ids)
        except ResponseError:
            return response  # a tampered id stays what it is


def stored(app: Flask) -> list[tuple[str, str, Any, bool | None]]:
    with get_db(app).transaction() as session:
        rows = session.query(CheckAnswer).order_by(CheckAnswer.id)
        return [(r.learner_id, r.check_id, r.value["response"], r.is_correct) for r in rows]


def answered_statements(app: Flask) -> list[dict[str, Any]]:
    with get_db(app).transaction() as session:
        found = query_statements(session, verb=ANSWERED, limit=0)
    return list(found)


def test_the_page_shows_its_check_without_the_key(learner_client: Any) -> None:
    page = open_check_page(learner_client)
    form = page.split('id="check-best-paraphrase"')[1].split("</form>")[0]
    assert 'action="/learn/modules/active-listening/v1/checks/best-paraphrase"' in page
    assert 'name="csrf_token"' in form
    assert "Which reply is the best paraphrase?" in form
    assert form.count('type="radio" id="q.best-paraphrase-') == 3
    # neither the right choice's feedback, a wrong one's, nor any marker of the key
    for secret in (RIGHT_FEEDBACK, "Yes: short", WRONG_FEEDBACK, "parrots the caller"):
        assert secret not in page
    for marker in ("correct", "checked", "[x]", "Not quite", "Correct."):
        assert marker not in form
    assert 'aria-live="polite"' in form
    # pages without checks have none
    assert "check-form" not in learner_client.get(f"{MODULE}/1").get_data(as_text=True)


def test_answering_returns_correctness_and_feedback(app: Flask, learner_client: Any) -> None:
    token = csrf_token_from(open_check_page(learner_client))
    wrong = answer(learner_client, token, "a")
    assert wrong.status_code == 200
    assert wrong.get_json() == {
        "check": "best-paraphrase",
        "correct": False,
        "feedback": [WRONG_FEEDBACK],
    }
    right = answer(learner_client, token, "b").get_json()
    assert right["correct"] is True
    assert right["feedback"] == [RIGHT_FEEDBACK.replace("&#39;", "'")]
    # only the latest answer is kept
    assert stored(app) == [(learner_client.user.uid, "best-paraphrase", "b", True)]


def test_a_multiple_choice_check_is_scored_as_a_whole(learner_client: Any) -> None:
    learner_client.get("/learn/modules/active-listening")
    page = learner_client.get(f"{MODULE}/6").get_data(as_text=True)
    url = f"{MODULE}/checks/empathy-statements-check"
    token = csrf_token_from(page)
    assert answer(learner_client, token, ["a", "b"], url).get_json()["correct"] is True
    partly = answer(learner_client, token, ["a", "c"], url).get_json()
    assert partly["correct"] is False
    assert partly["feedback"] == ["Generic and impersonal: it does not name anything about this caller."]


def test_the_plain_form_redirects_back_to_the_page_with_feedback(app: Flask, learner_client: Any) -> None:
    token = csrf_token_from(open_check_page(learner_client))
    right = as_shown(app, learner_client.user.uid, "best-paraphrase", "b")
    posted = learner_client.post(CHECK, data={"csrf_token": token, "q.best-paraphrase": right})
    assert posted.status_code == 302
    assert posted.headers["Location"].endswith(f"{MODULE}/4#check-best-paraphrase")
    page = learner_client.get(f"{MODULE}/4").get_data(as_text=True)
    form = page.split('id="check-best-paraphrase"')[1].split("</form>")[0]
    assert "Correct." in form and RIGHT_FEEDBACK in form
    assert f'value="{right}" checked' in form
    assert WRONG_FEEDBACK not in page  # only the picked choice's feedback


def test_tampered_answers_are_refused_and_store_nothing(app: Flask, learner_client: Any) -> None:
    token = csrf_token_from(open_check_page(learner_client))
    for payload in ("zz", ["b"], None, 3):
        refused = answer(learner_client, token, payload)
        assert refused.status_code == 422, payload
        assert refused.get_json()["error"] == "Unprocessable Entity"
    not_json = learner_client.post(CHECK, json={"answer": "b"}, headers={"X-CSRFToken": token})
    assert not_json.status_code == 422
    for url in (
        f"{MODULE}/checks/no-such-check",
        f"{MODULE}/checks/warm-transfer-check",  # a check of another module
        "/learn/modules/active-listening/v99/checks/best-paraphrase",
        "/learn/modules/no-such-module/v1/checks/best-paraphrase",
    ):
        assert answer(learner_client, token, "b", url).status_code == 404, url
    forms = ({"q.best-paraphrase": "zz"}, {"q.best-paraphrase": "b", "q.empathy-statements-check": "a"})
    for fields in forms:
        assert learner_client.post(CHECK, data={"csrf_token": token, **fields}).status_code == 422, fields
    # a plain form sent with nothing picked shows the page again with a note (see test_check_forms.py)
    empty = learner_client.post(CHECK, data={"csrf_token": token})
    assert empty.status_code == 422 and "Pick an answer, then check it." in empty.get_data(as_text=True)
    assert learner_client.post(CHECK, data={"q.best-paraphrase": "b"}).status_code == 400  # no CSRF token
    assert stored(app) == []
    assert answered_statements(app) == []


def test_a_module_never_opened_cannot_take_answers(app: Flask, learner_client: Any) -> None:
    token = csrf_token_from(learner_client.get("/learn/").get_data(as_text=True))
    assert answer(learner_client, token, "b").status_code == 404
    assert stored(app) == []


def test_the_answer_is_recorded_as_practice(app: Flask, learner_client: Any) -> None:
    token = csrf_token_from(open_check_page(learner_client))
    answer(learner_client, token, "b")
    [statement] = answered_statements(app)
    with get_db(app).transaction() as session:
        registration = session.query(ModuleProgress).one().registration
    target = statement["object"]
    assert target["id"].endswith("/xapi/activities/modules/active-listening/checks/best-paraphrase")
    definition = target["definition"]
    assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert definition["interactionType"] == "choice"
    assert definition["correctResponsesPattern"] == ["b"]
    assert [c["id"] for c in definition["choices"]] == ["a", "b", "c"]
    assert statement["result"] == {"response": "b"}  # no score or success: practice is not evidence
    context = statement["context"]
    assert context["registration"] == registration
    assert context["extensions"][Extension.PRACTICE] is True
    assert context["extensions"][Extension.MODULE_VERSION] == 1
    assert context["contextActivities"]["parent"][0]["id"].endswith(
        "/xapi/activities/modules/active-listening"
    )
    assert statement["actor"]["account"]["name"] == learner_client.user.uid


def test_checks_count_toward_neither_completion_nor_quizzes(app: Flask, learner_client: Any) -> None:
    token = csrf_token_from(open_check_page(learner_client))
    with get_db(app).transaction() as session:
        before = session.query(ModuleProgress).one().pages_seen
    answer(learner_client, token, "b")
    with get_db(app).transaction() as session:
        progress = session.query(ModuleProgress).one()
        assert progress.pages_seen == before and progress.completed_at is None
        assert session.query(Attempt).count() == 0


def test_another_learner_does_not_see_the_answer(app: Flask, learner_client: Any, auth: Any) -> None:
    token = csrf_token_from(open_check_page(learner_client))
    answer(learner_client, token, "b")
    assert RIGHT_FEEDBACK in learner_client.get(f"{MODULE}/4").get_data(as_text=True)
    auth.logout()
    other = auth.login_as("learner")
    page = open_check_page(learner_client)
    form = page.split('id="check-best-paraphrase"')[1].split("</form>")[0]
    assert RIGHT_FEEDBACK not in page and "Correct." not in form and "checked" not in form
    # and their own answer is theirs alone
    answer(learner_client, csrf_token_from(page), "a", uid=other.uid)
    assert {(uid, response) for uid, _check, response, _ in stored(app)} == {
        (learner_client.user.uid, "b"),
        (other.uid, "a"),
    }
    theirs = learner_client.get(f"{MODULE}/4").get_data(as_text=True)
    assert WRONG_FEEDBACK in theirs and RIGHT_FEEDBACK not in theirs


def test_with_javascript_a_check_is_answered_in_place(
    app: Flask, published: None, live_server: Any, create_user: Any
) -> None:
    user = create_user("learner")
    base = live_server.url("").rstrip("/")
    with chromium() as browser:
        page = sign_in(browser, base, user.email, viewport={"width": 360, "height": 800}, bypass_csp=True)
        page.goto(f"{base}/learn/modules/active-listening")
        page.goto(f"{base}{MODULE}/4")
        form = page.locator("form#check-best-paraphrase")
        # the check stands where its author put it, inside the page
        assert page.locator('.page-body .knowledge-check[data-check-id="best-paraphrase"] form').count() == 1
        assert serious_violations(page) == []
        form.get_by_label("So you took the morning off", exact=False).check()
        form.get_by_role("button", name="Check my answer").click()
        result = form.get_by_role("status")
        result.get_by_text("Correct.").wait_for()
        assert "Yes: short, uses the caller's details" in result.inner_text()
        assert page.url == f"{base}{MODULE}/4"  # no reload
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert serious_violations(page) == []
    assert stored(app) == [(user.uid, "best-paraphrase", "b", True)]


def test_a_first_answer_losing_a_race_updates_the_winners_row(
    app: Flask, session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = {"learner_id": "u-1", "module_id": "active-listening", "version": 1, "check_id": "best-paraphrase"}
    check_answers.save_check_answer(session, **keys, response="a", is_correct=False)
    session.commit()
    real_find = check_answers._find
    looks = iter(["before the winner committed"])

    def racing_find(*args: Any) -> CheckAnswer | None:
        return None if next(looks, None) else real_find(*args)

    monkeypatch.setattr(check_answers, "_find", racing_find)
    row = check_answers.save_check_answer(session, **keys, response="b", is_correct=True)
    session.commit()
    assert session.query(CheckAnswer).count() == 1
    assert (row.value, row.is_correct) == ({"response": "b"}, True)
    assert next(looks, None) is None  # the racing path was taken
