"""A learner takes a module and a quiz in Chromium: leaves mid-quiz, comes back on another device, submits."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from app.database import get_db
from assessments.attempts import shown_ids
from assessments.store import Attempt, Response
from tests.learner.browser import chromium, serious_violations, sign_in

pytestmark = pytest.mark.browser


def question_ids(page: Any) -> list[str]:
    return page.locator("fieldset[data-question]").evaluate_all("els => els.map(e => e.dataset.question)")


def test_module_and_quiz_end_to_end(app: Flask, published: None, live_server: Any, create_user: Any) -> None:
    user = create_user("learner")
    base = live_server.url("").rstrip("/")
    with chromium() as browser:
        page = sign_in(browser, base, user.email)
        page.get_by_role("link", name=re.compile(r"^Start Opening the call")).click()
        page.wait_for_url(re.compile(r"/learn/modules/call-opening/v1/1$"))
        while page.get_by_role("link", name="Next page").count():
            page.get_by_role("link", name="Next page").click()
        assert "Page 6 of 6" in page.inner_text("main")
        page.get_by_role("link", name="Take the quiz").click()
        page.get_by_role("button", name="Start the quiz").click()
        page.wait_for_url(re.compile(r"/learn/attempts/\d+$"))
        attempt_id = int(page.url.rsplit("/", 1)[1])
        drawn = question_ids(page)
        # Answer two questions; each is saved on the server as it is given.
        first, second = (page.locator(f"fieldset[data-question='{qid}']") for qid in drawn[:2])
        first.locator("input[type=radio]").nth(1).check()
        first.get_by_text("Answer saved").wait_for()
        second.locator("input[type=radio]").first.check()
        second.get_by_text("Answer saved").wait_for()
        picked = [
            first.locator("input:checked").get_attribute("value"),
            second.locator("input:checked").get_attribute("value"),
        ]
        page.context.close()  # pulled back onto a call

        # Later, on a phone: My learning offers to resume; the same questions and answers are there.
        phone = sign_in(browser, base, user.email, viewport={"width": 360, "height": 740}, is_mobile=True)
        phone.get_by_role("link", name=re.compile("^Resume quiz")).click()
        phone.wait_for_url(f"{base}/learn/attempts/{attempt_id}")
        assert question_ids(phone) == drawn
        for qid, value in zip(drawn[:2], picked, strict=True):
            assert (
                phone.locator(f"fieldset[data-question='{qid}'] input:checked").get_attribute("value")
                == value
            )
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        # A double click on submit gives one graded attempt.
        phone.get_by_role("button", name="Submit answers").dblclick()
        phone.wait_for_url(f"{base}/learn/attempts/{attempt_id}/result")
        assert "Your results" in phone.inner_text("h1")
        assert phone.locator("svg[role=img] desc").count() == 1
    with get_db(app).transaction() as session:
        attempts = session.query(Attempt).all()
        assert [a.id for a in attempts] == [attempt_id] and attempts[0].submitted_at is not None
        saved = {r.question_id: r.value["response"] for r in session.query(Response)}
        # stored in the questions' own ids; the page showed the attempt's ids for them
        shown = [shown_ids(attempts[0], qid)["choices"][saved[qid]] for qid in drawn[:2]]
        assert shown == picked and not set(picked) & set(saved.values())


def test_two_tabs_submitting_at_once_give_one_graded_attempt(
    app: Flask, published: None, live_server: Any, create_user: Any
) -> None:
    user = create_user("learner")
    base = live_server.url("").rstrip("/")
    with chromium() as browser:
        page = sign_in(browser, base, user.email)
        page.goto(f"{base}/learn/quizzes/call-opening-quiz")
        page.get_by_role("button", name="Start the quiz").click()
        page.wait_for_url(re.compile(r"/learn/attempts/\d+$"))
        statuses = page.evaluate("""async () => {
            const form = document.querySelector("form.quiz");
            const send = () => {
                const data = new FormData(form);
                data.append("action", "submit");
                return fetch(form.getAttribute("action"), {method: "POST", body: data}).then(r => r.status);
            };
            return Promise.all([send(), send(), send()]);
        }""")
        assert statuses == [200, 200, 200]  # each follows the redirect to the same results page
    with get_db(app).transaction() as session:
        assert session.query(Attempt).count() == 1
        assert session.query(Attempt).one().submitted_at is not None


MAIN_PAGES = [
    "/learn/",
    "/learn/modules/call-opening/v1/2",
    "/learn/quizzes/call-opening-quiz",
    "ATTEMPT",
    "RESULT",
    "/learn/results",
]


@pytest.mark.parametrize("width", [360, 1280])
def test_main_pages_pass_axe_and_fit_a_phone(
    app: Flask, published: None, live_server: Any, create_user: Any, width: int
) -> None:
    user = create_user("learner")
    base = live_server.url("").rstrip("/")
    with chromium() as browser:
        # The pages' own policy forbids inline scripts; axe is injected as one, so CSP is bypassed for it.
        page = sign_in(browser, base, user.email, viewport={"width": width, "height": 800}, bypass_csp=True)
        page.goto(f"{base}/learn/modules/call-opening")
        page.goto(f"{base}/learn/quizzes/call-opening-quiz")
        page.get_by_role("button", name="Start the quiz").click()
        page.wait_for_url(re.compile(r"/learn/attempts/\d+$"))
        attempt = page.url
        problems = {}
        for path in MAIN_PAGES:
            if path == "RESULT":
                page.goto(attempt)
                page.get_by_role("button", name="Submit answers").click()
                page.wait_for_url(re.compile(r"/result$"))
            else:
                page.goto(attempt if path == "ATTEMPT" else f"{base}{path}")
            found = serious_violations(page)
            if found:
                problems[path] = found
            if width == 360:
                assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        assert problems == {}


def test_keyboard_alone(app: Flask, published: None, live_server: Any, create_user: Any) -> None:
    user = create_user("learner")
    base = live_server.url("").rstrip("/")
    with chromium() as browser:
        page = sign_in(browser, base, user.email)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to content"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        page.goto(f"{base}/learn/quizzes/call-opening-quiz")
        page.get_by_role("button", name="Start the quiz").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/learn/attempts/\d+$"))
        first = page.locator("fieldset[data-question]").first
        first.locator("input").first.focus()
        page.keyboard.press("Space")  # checks the focused radio button
        first.get_by_text("Answer saved").wait_for()
        assert page.locator(".save-status").inner_text().endswith("answer saved")
