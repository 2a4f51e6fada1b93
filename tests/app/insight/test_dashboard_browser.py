"""In Chromium: a lead opens the dashboard on a phone, drills from the weakest competency to a person,
assigns a module to the team with a due date, and each learner finds it on My learning."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask

from tests.app.populated import populate
from tests.conftest import TEST_PASSWORD
from tests.learner.browser import chromium, serious_violations

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def _sign_in(browser: Any, base: str, email: str) -> Any:
    page = browser.new_context(viewport=PHONE).new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    page.console_errors = errors
    return page


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    assert page.console_errors == [], page.console_errors
    assert serious_violations(page) == [], page.url


def test_lead_drills_down_and_assigns_a_module_that_learners_see(app: Flask, live_server: Any) -> None:
    population = populate(app)
    base = live_server.url("").rstrip("/")
    due = date.today() + timedelta(days=5)
    with chromium() as browser:
        lead = _sign_in(browser, base, population.email["lead"])
        assert lead.url.endswith("/mentoring/team")
        _fits(lead)
        first_row = lead.locator("#competencies tbody tr th").first
        assert "below" in first_row.inner_text()  # the weakest competency, under its threshold
        weakest = first_row.locator("a")
        name = weakest.inner_text()
        weakest.click()
        lead.wait_for_load_state()
        assert lead.get_by_role("heading", level=1).inner_text() == name
        _fits(lead)
        lead.locator("tbody th a", has_text="Lina Learner").click()
        lead.wait_for_load_state()
        assert lead.get_by_role("heading", level=1).inner_text() == "Lina Learner"
        assert "Check in about the queue." not in lead.content()  # a mentor's private note
        _fits(lead)

        lead.get_by_role("link", name="Back to my team").click()
        lead.wait_for_load_state()
        form = lead.locator("#assign")
        form.get_by_label("Data protection on calls").check()
        form.get_by_label("The whole team").check()
        form.get_by_label("Due date").fill(due.isoformat())
        form.get_by_role("button", name="Assign").click()
        lead.wait_for_load_state()
        assert "Assigned 1 module(s) to the team." in lead.content()
        # Lina, Luca and Sam: the learners of the team, none started yet
        assert "0 of 3 done, 0 in progress, 3 not started" in lead.locator("#assignments").inner_text()
        _fits(lead)
        lead.locator("#assignments").get_by_role("link", name="Data protection on calls").click()
        lead.wait_for_load_state()
        assert lead.locator("tbody tr").count() == 3
        _fits(lead)

        for key in ("learner", "learner2", "both"):
            learner = _sign_in(browser, base, population.email[key])
            learner.goto(f"{base}/learn/")
            assigned = learner.locator("section[aria-labelledby=assigned-heading]")
            assert "Data protection on calls" in assigned.inner_text()
            assert f"Due {due:%-d %b %Y}" in assigned.inner_text()
            learner.context.close()
