"""A knowledge check answered through its form: an answer it cannot take comes back on the module page.

Without JavaScript an ordering check gives each step a position in a select, like a quiz's ordering
question; with it, the same list moved with buttons as in a quiz. Steps left without a position, two
steps in one place or nothing picked show the module page again (422) with the message at the check, the
fields as sent and nothing saved or recorded.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from flask import Flask

from app.database import get_db
from assessments.check_answers import CheckAnswer
from learning_record_store import query_statements
from tests.conftest import csrf_token_from
from tests.learner.browser import chromium, put_in_order, serious_violations, shot, sign_in
from tests.learner.test_knowledge_checks import as_shown

MODULE = "/learn/modules/call-opening/v1"
PAGE = f"{MODULE}/6"  # "Putting it together"
CHECK_ID = "opening-order-check"
CHECK = f"{MODULE}/checks/{CHECK_ID}"
STEPS = ["a", "b", "c", "d", "e"]  # the right order, in source ids
FIELD = f"q.{CHECK_ID}."


def open_page(client: Any) -> str:
    client.get("/learn/modules/call-opening")
    page = client.get(PAGE)
    assert page.status_code == 200
    return page.get_data(as_text=True)


def shown_steps(app: Flask, client: Any) -> list[str]:
    """The steps in the right order, in the ids this learner's page shows."""
    return as_shown(app, client.user.uid, CHECK_ID, STEPS, module="call-opening")


def positions(steps: list[str], given: int | None = None) -> dict[str, str]:
    """Form fields giving the first ``given`` steps their positions (all of them by default)."""
    return {f"{FIELD}{step}": str(n) for n, step in enumerate(steps[:given], 1)}


def check_form(html: str) -> Any:
    return lxml.html.fromstring(html).get_element_by_id(f"check-{CHECK_ID}")


def stored(app: Flask) -> list[Any]:
    with get_db(app).transaction() as session:
        return [row.value["response"] for row in session.query(CheckAnswer)]


def statement_count(app: Flask) -> int:
    with get_db(app).transaction() as session:
        return len(list(query_statements(session, limit=0)))


def test_an_ordering_check_without_javascript_has_a_position_per_step(learner_client: Any) -> None:
    form = check_form(open_page(learner_client))
    selects = form.xpath(".//div[@data-ordering]//select")
    assert len(selects) == 5
    assert all(s.xpath("./option/@value") == ["", "1", "2", "3", "4", "5"] for s in selects)
    assert (
        form.xpath(".//*[@data-ordering-hint]")[0].text_content()
        == "Give each step its position, 1 for the first."
    )


def test_steps_left_without_a_position_come_back_on_the_page_with_the_message_at_the_check(
    app: Flask, learner_client: Any
) -> None:
    token = csrf_token_from(open_page(learner_client))
    steps = shown_steps(app, learner_client)
    before = statement_count(app)
    refused = learner_client.post(CHECK, data={"csrf_token": token, **positions(steps, 2)})
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "<h1>Putting it together</h1>" in html and "<title>Error: Putting it together" in html
    form = check_form(html)
    fieldset = form.xpath("./fieldset")[0]
    message = "Give every step a position: 2 of 5 have one."
    assert "has-error" in fieldset.get("class")
    assert fieldset.get("aria-describedby") == f"check-error-{CHECK_ID}"
    error = form.get_element_by_id(f"check-error-{CHECK_ID}")
    assert error.text_content() == f"Error: {message}"
    # the summary at the top of the page leads to the check
    summary = lxml.html.fromstring(html).xpath("//div[@data-error-summary]//a")[0]
    assert summary.get("href") == f"#check-{CHECK_ID}" and message in summary.text_content()
    # the positions as sent, the others still to give
    chosen = {s.get("name"): s.xpath("./option[@selected]/@value") for s in form.xpath(".//select")}
    assert chosen == {f"{FIELD}{step}": ([str(n)] if n <= 2 else []) for n, step in enumerate(steps, 1)}
    # nothing saved or recorded: not the answer, nor a visit to the page
    assert stored(app) == [] and statement_count(app) == before
    # every position given: checked, and back to the page at the check
    done = learner_client.post(CHECK, data={"csrf_token": token, **positions(steps)})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"{PAGE}#check-{CHECK_ID}")
    assert stored(app) == [STEPS]
    assert "Correct." in learner_client.get(PAGE).get_data(as_text=True)


def test_two_steps_in_one_place_and_nothing_given_are_told_at_the_check(
    app: Flask, learner_client: Any
) -> None:
    token = csrf_token_from(open_page(learner_client))
    steps = shown_steps(app, learner_client)
    twice = positions(steps) | {f"{FIELD}{steps[4]}": "1"}
    for fields, message in (
        (twice, "Give each step a different position."),
        ({}, "Put the steps in order, then check your answer."),
        (positions(steps) | {f"{FIELD}{steps[0]}": "first"}, "Positions are numbers, 1 for the first step."),
    ):
        refused = learner_client.post(CHECK, data={"csrf_token": token, **fields})
        assert refused.status_code == 422, fields
        error = check_form(refused.get_data(as_text=True)).get_element_by_id(f"check-error-{CHECK_ID}")
        assert error.text_content() == f"Error: {message}"
    assert stored(app) == []


def test_a_choice_check_sent_with_nothing_picked_says_so_at_the_check(learner_client: Any) -> None:
    learner_client.get("/learn/modules/active-listening")
    page = learner_client.get("/learn/modules/active-listening/v1/4").get_data(as_text=True)
    url = "/learn/modules/active-listening/v1/checks/best-paraphrase"
    refused = learner_client.post(url, data={"csrf_token": csrf_token_from(page)})
    assert refused.status_code == 422
    form = lxml.html.fromstring(refused.get_data(as_text=True)).get_element_by_id("check-best-paraphrase")
    assert form.get_element_by_id("check-error-best-paraphrase").text_content() == (
        "Error: Pick an answer, then check it."
    )


def test_the_script_asking_for_json_gets_the_same_message(app: Flask, learner_client: Any) -> None:
    token = csrf_token_from(open_page(learner_client))
    steps = shown_steps(app, learner_client)
    refused = learner_client.post(
        CHECK, data={"csrf_token": token, **positions(steps, 3)}, headers={"Accept": "application/json"}
    )
    assert refused.status_code == 422
    assert refused.get_json() == {
        "error": "Unprocessable Entity",
        "message": "Give every step a position: 3 of 5 have one.",
    }
    assert stored(app) == []


def test_with_javascript_an_ordering_check_is_the_quiz_list_and_refuses_in_place(
    app: Flask, published: None, live_server: Any, create_user: Any
) -> None:
    user = create_user("learner")
    base = live_server.url("").rstrip("/")
    with chromium() as browser:
        page = sign_in(browser, base, user.email, viewport={"width": 390, "height": 844})
        page.goto(f"{base}/learn/modules/call-opening")
        page.goto(f"{base}{PAGE}")
        form = page.locator(f"form#check-{CHECK_ID}")
        # the quiz's widget: a list moved with buttons, the position selects hidden behind it
        assert form.locator("li.order-step").count() == 5
        assert form.locator("select").evaluate_all("all => all.every(s => s.closest('[hidden]'))")
        assert "move a step with its ↑ and ↓ buttons" in form.locator("[data-ordering-hint]").inner_text()
        form.get_by_role("button", name="Check my answer").click()
        alert = form.get_by_role("alert")
        alert.wait_for()
        assert alert.inner_text() == "Put the steps in order, then check your answer."
        shot(page, "check-refused-in-place-390")
        assert page.url == f"{base}{PAGE}" and serious_violations(page) == []
        right = as_shown(app, user.uid, CHECK_ID, STEPS, module="call-opening")
        put_in_order(form, right)  # each step moved up into its place, as a learner would
        form.get_by_role("button", name="Check my answer").click()
        form.get_by_role("status").get_by_text("Correct.").wait_for()
        assert form.get_by_role("alert").count() == 0  # the message went with the refused answer
        assert page.url == f"{base}{PAGE}"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert serious_violations(page) == []
    assert stored(app) == [STEPS]


def test_without_javascript_the_refusal_is_the_module_page_in_the_browser(
    app: Flask, published: None, live_server: Any, create_user: Any
) -> None:
    user = create_user("learner")
    base = live_server.url("").rstrip("/")
    with chromium() as browser:
        page = sign_in(browser, base, user.email, viewport={"width": 390, "height": 844})
        # The site's scripts never load: the page works as it does with JavaScript off (the browser's own
        # JavaScript stays on, for axe-core and the measures below).
        page.route("**/*.js", lambda route: route.abort())
        page.goto(f"{base}/learn/modules/call-opening")
        page.goto(f"{base}{PAGE}")
        form = page.locator(f"form#check-{CHECK_ID}")
        assert form.locator("li.order-step").count() == 0  # the position selects, not the list
        right = as_shown(app, user.uid, CHECK_ID, STEPS, module="call-opening")
        for n, step in enumerate(right[:3], 1):
            form.get_by_label(form.locator(f"label[for='{FIELD}{step}']").inner_text()).select_option(str(n))
        with page.expect_navigation() as sent:
            form.get_by_role("button", name="Check my answer").click()
        assert sent.value.status == 422
        shot(page, "check-refused-without-javascript-390")
        assert page.locator("h1").inner_text() == "Putting it together"
        message = " ".join(form.locator(".error-message").inner_text().split())
        assert message == "Error: Give every step a position: 3 of 5 have one."
        kept = {step: form.locator(f"select[name='{FIELD}{step}']").input_value() for step in right}
        assert kept == {step: (str(n) if n <= 3 else "") for n, step in enumerate(right, 1)}
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert serious_violations(page) == []
        page.locator("div[data-error-summary] a").click()
        assert re.search(f"#check-{CHECK_ID}$", page.url)
    assert stored(app) == []
