"""A quiz on a phone (390×844) in Chromium: one question per screen, a navigator, autosave, review, submit."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from app.database import get_db
from assessments.store import Attempt, Response
from tests.learner.browser import chromium, serious_violations, shot, sign_in

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def visible_questions(page: Any) -> list[str]:
    return page.locator("fieldset[data-question]:visible").evaluate_all(
        "els => els.map(e => e.dataset.question)"
    )


def position(page: Any) -> str:
    return page.locator("[data-quiz-position]").inner_text()


def fits(page: Any) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_quiz_on_a_phone(app: Flask, published: None, live_server: Any, create_user: Any) -> None:
    user = create_user("learner")
    base = live_server.url("").rstrip("/")
    with chromium() as browser:
        page = sign_in(browser, base, user.email, bypass_csp=True, **PHONE)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{base}/learn/quizzes/call-opening-quiz")
        page.get_by_role("button", name="Start the quiz").click()
        page.wait_for_url(re.compile(r"/learn/attempts/\d+$"))
        attempt_id = int(page.url.rsplit("/", 1)[1].split("#")[0])
        drawn = page.locator("fieldset[data-question]").evaluate_all(
            "els => els.map(e => e.dataset.question)"
        )
        total = len(drawn)

        # One question per screen, with where you are.
        assert visible_questions(page) == [drawn[0]]
        assert position(page) == f"Question 1 of {total}"
        shot(page, "quiz-390")
        assert fits(page) and serious_violations(page) == []
        first = page.locator(f"#question-{drawn[0]}")
        first.locator("label").first.click()  # a tap on the label answers
        first.get_by_text("Answer saved").wait_for()
        first.get_by_role("link", name="Next").click()
        assert visible_questions(page) == [drawn[1]] and position(page) == f"Question 2 of {total}"
        assert "is-answered" in (
            page.locator(f"[data-nav='question-{drawn[0]}']").get_attribute("class") or ""
        )

        # The navigator jumps to any question; an ordering is moved step by step, each move saved.
        page.locator("[data-nav='question-opening-order']").click()
        assert visible_questions(page) == ["opening-order"]
        ordering = page.locator("#question-opening-order")
        steps = ordering.locator(".order-step .order-text").all_inner_texts()
        ordering.get_by_role("button", name=f"Move down: {steps[0]}").click()
        ordering.get_by_text("Answer saved").wait_for()
        assert "Not saved" not in ordering.inner_text()
        moved = [steps[1], steps[0], *steps[2:]]
        assert ordering.locator(".order-step .order-text").all_inner_texts() == moved
        shot(page, "ordering-390")

        # Autosave survives a reload: the same screen, the same answers.
        page.reload()
        assert visible_questions(page) == ["opening-order"]
        assert page.locator("#question-opening-order .order-step .order-text").all_inner_texts() == moved
        assert page.locator(f"#question-{drawn[0]} input:checked").count() == 1

        # Coming back without an address of a screen opens the first question not yet answered.
        page.goto(f"{base}/learn/attempts/{attempt_id}")
        first_open = next(q for q in drawn if q not in (drawn[0], "opening-order"))
        assert visible_questions(page) == [first_open]

        # A number that is not one: the submit is refused, and the quiz shows that question with the message.
        page.locator("[data-nav='question-opening-seconds']").click()
        page.get_by_label("Your answer (a number)").fill("about thirty")
        page.locator("[data-nav='review']").click()
        assert (
            visible_questions(page) == []
            and page.get_by_role("heading", name="Check your answers").is_visible()
        )
        assert page.locator("[data-review-count]").inner_text().startswith(f"2 of {total} ")
        shot(page, "review-390")
        page.get_by_role("button", name="Submit answers").click()
        page.wait_for_load_state()
        assert page.url.split("#")[0] == f"{base}/learn/attempts/{attempt_id}"
        assert page.locator("[data-error-summary]").is_visible()
        assert visible_questions(page) == ["opening-seconds"]
        question = page.locator("#question-opening-seconds")
        assert question.locator(".error-message").is_visible()
        assert page.get_by_label("Your answer (a number)").input_value() == "about thirty"
        shot(page, "refused-390")
        assert fits(page) and serious_violations(page) == []

        # Fixed, reviewed, submitted.
        page.get_by_label("Your answer (a number)").fill("30")
        question.get_by_text("Answer saved").wait_for()
        page.locator("[data-nav='review']").click()
        page.get_by_role("button", name="Submit answers").click()
        page.wait_for_url(f"{base}/learn/attempts/{attempt_id}/result")
        shot(page, "result-390")
        assert fits(page)
        # The refused submit is answered 422 (the quiz again, with the message), which Chromium logs.
        assert [e for e in errors if "status of 422" not in e] == []
    with get_db(app).transaction() as session:
        assert session.get(Attempt, attempt_id).submitted_at is not None
        saved = {r.question_id: r.value["response"] for r in session.query(Response)}
    assert saved["opening-seconds"] == 30 and len(saved["opening-order"]) == len(steps)


def test_a_wide_screen_shows_every_question(
    app: Flask, published: None, live_server: Any, create_user: Any
) -> None:
    user = create_user("learner")
    base = live_server.url("").rstrip("/")
    with chromium() as browser:
        page = sign_in(browser, base, user.email, viewport={"width": 1280, "height": 800})
        page.goto(f"{base}/learn/quizzes/call-opening-quiz")
        page.get_by_role("button", name="Start the quiz").click()
        page.wait_for_url(re.compile(r"/learn/attempts/\d+$"))
        assert len(visible_questions(page)) == page.locator("fieldset[data-question]").count() > 1
        assert page.get_by_role("button", name="Submit answers").is_visible()
        shot(page, "quiz-1280")
        assert fits(page)


def test_without_javascript_the_whole_quiz_works(
    app: Flask, published: None, live_server: Any, create_user: Any
) -> None:
    user = create_user("learner")
    base = live_server.url("").rstrip("/")
    with chromium() as browser:
        page = sign_in(browser, base, user.email, java_script_enabled=False, **PHONE)
        page.goto(f"{base}/learn/quizzes/call-opening-quiz")
        page.get_by_role("button", name="Start the quiz").click()
        page.wait_for_url(re.compile(r"/learn/attempts/\d+$"))
        assert len(visible_questions(page)) == page.locator("fieldset[data-question]").count() > 1
        assert fits(page)
        page.locator("fieldset[data-question] label").first.click()
        page.get_by_role("button", name="Submit answers").click()
        page.wait_for_url(re.compile(r"/result$"))
    with get_db(app).transaction() as session:
        assert session.query(Response).count() == 1
