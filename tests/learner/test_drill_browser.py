"""A learner on a 390 px phone drills from My learning: answers, leaves mid-drill, comes back and finishes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_db
from app.demo.answers import answer as demo_answer
from app.learner import drills
from assessments.practice import CardRow, DrillRow
from assessments.shown_ids import to_shown
from tests.learner.browser import chromium, put_in_order, serious_violations, sign_in

pytestmark = pytest.mark.browser
WIDTH = 390


def current_drill(app: Flask, uid: str) -> DrillRow:
    with get_db(app).transaction() as session:
        drill = session.scalars(select(DrillRow).where(DrillRow.learner_id == uid)).one()
        session.expunge(drill)
        return drill


def fill(page: Any, app: Flask, drill: DrillRow, number: int, *, right: bool) -> None:
    """Answer question ``number`` through its controls, with the ids the page shows."""
    item = drill.items[number - 1]
    with get_db(app).transaction() as session:
        question = drills.question_of(session, item)
    value = to_shown(question, demo_answer(question, right=right), item["ids"])
    name = f"q.{question.id}"
    form = page.locator("form.drill-form")
    if question.type in ("single", "true-false"):
        form.locator(f'input[name="{name}"][value="{str(value).lower()}"]').check()
    elif question.type == "multiple":
        for shown in value:
            form.locator(f'input[name="{name}"][value="{shown}"]').check()
    elif question.type in ("fill-in", "numeric"):
        form.locator(f'input[name="{name}"]').fill(str(value))
    elif question.type == "matching":
        for left, target in value.items():
            form.locator(f'select[name="{name}.{left}"]').select_option(target)
    elif question.type == "ordering":  # the list moved with buttons, as in a quiz
        put_in_order(form, value)
    else:  # pragma: no cover - the pool never holds essays or likert items
        raise AssertionError(question.type)
    form.get_by_role("button", name="Check my answer").click()


def fits_and_is_clean(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url
    assert serious_violations(page) == [], page.url


def test_a_drill_on_a_phone_from_my_learning_left_and_finished(
    app: Flask, published: None, live_server: Any, create_user: Any
) -> None:
    user = create_user("learner")
    base = live_server.url("").rstrip("/")
    with chromium() as browser:
        page = sign_in(
            browser,
            base,
            user.email,
            viewport={"width": WIDTH, "height": 844},
            is_mobile=True,
            bypass_csp=True,
        )
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.get_by_role("button", name="Start a drill").click()
        page.wait_for_url(f"{base}/learn/drill")
        drill = current_drill(app, user.uid)
        total = len(drill.items)
        assert page.get_by_text(f"Question 1 of {total}").is_visible()
        fits_and_is_clean(page)

        fill(page, app, drill, 1, right=True)
        page.wait_for_url(re.compile(r"/learn/drill/\d+/1$"))
        assert page.get_by_text("Correct.").is_visible()
        first_due = page.get_by_text(re.compile("comes back in")).inner_text()
        fits_and_is_clean(page)
        page.get_by_role("link", name="Next question").click()

        fill(page, app, drill, 2, right=False)
        page.wait_for_url(re.compile(r"/learn/drill/\d+/2$"))
        assert page.get_by_text("Not quite.").is_visible()
        assert "comes back in 1 minute" in page.get_by_text(re.compile("comes back in")).inner_text()
        assert first_due != "This question comes back in 1 minute."

        # Leave mid-drill, then come back from My learning: the drill goes on at question 3.
        page.goto(f"{base}/learn/")
        assert page.get_by_text(f"Drill in progress: 2 of {total} answered").is_visible()
        page.get_by_role("link", name="Resume drill").click()
        assert page.get_by_text(f"Question 3 of {total}").is_visible()
        for number in range(3, total + 1):
            if number > 3:
                page.get_by_role("link", name="Next question").click()
            fill(page, app, drill, number, right=True)
            page.wait_for_url(re.compile(rf"/learn/drill/\d+/{number}$"))
        assert page.get_by_role("heading", name="Drill done").is_visible()
        assert page.get_by_text("1 drill done").is_visible()
        fits_and_is_clean(page)
        assert errors == []

    assert current_drill(app, user.uid).finished_at is not None
    with get_db(app).transaction() as session:
        due = {
            c.item_key: c.due for c in session.scalars(select(CardRow).where(CardRow.learner_id == user.uid))
        }
    keys = [item["key"] for item in drill.items]
    assert due[keys[1]] < due[keys[0]]  # the wrong answer comes back sooner than the right one
