"""cmi5 AUs under the rules of the cmi5 spec, launched LMS-style against our running LRS: integer scores,
the context template's parents kept, the learner's preferences read at start, the LMS's mastery score
honoured, the last statements surviving a closed window, and Browse mode leaving no trace in Normal mode."""

from __future__ import annotations

import base64
import dataclasses
import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from exporters import export_package
from tests.exporters import browser
from tests.exporters.fixtures import MODULE, QUESTIONS, QUIZ, quiz_bundle
from tests.exporters.launch_server import launch_server
from tests.exporters.test_xapi_launch import (
    ACTOR,
    AU,
    SESSION_ID,
    XAPI,
    client_credentials,
    launch_au,
    statements_of,
    unpack,
    verbs,
    wait_for_terminated,
)

pytestmark = pytest.mark.browser

PREFERENCES = {"agent": json.dumps(ACTOR), "profileId": "cmi5LearnerPreferences"}
BLOCK = AU + "/block"
WRONG = f"() => ({browser.LEARNER_JS})(false)"


@pytest.fixture
def lrs(app: Any, live_server: Any) -> dict[str, str]:
    key, secret = client_credentials(app)
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    return {"endpoint": live_server.url("/xapi/"), "token": token}


@pytest.fixture
def chromium() -> Any:
    browser.require_browser()
    with browser.chromium() as instance:
        yield instance


def launch_data(session_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "contextTemplate": {"extensions": {SESSION_ID: session_id}},
        "launchMode": "Normal",
        "moveOn": "CompletedAndPassed",
        "masteryScore": 0.8,
        **fields,
    }


def answer_questions(page: Any, answer: dict[str, Any]) -> None:
    """Answer the attempt on screen: ``answer`` maps a question id to a script run in the page, the
    others are answered rightly by the scripted learner."""
    while page.locator("form.question").count():
        qid = page.locator("form.question").get_attribute("data-question-id")
        page.main_frame.evaluate(answer.get(qid, browser.LEARNER_JS), True)


def read_pages(page: Any) -> None:
    page.locator("#next").wait_for()
    while page.locator("#next").count():
        page.locator("#next").click()


def wait_for_verb(session: Any, registration: str, verb: str) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 10
    while verb not in verbs(sent := statements_of(session, registration)):
        assert time.monotonic() < deadline, f"the AU never sent {verb}"
        time.sleep(0.1)
    return sent


def test_scores_parents_and_learner_preferences_follow_the_cmi5_rules(
    lrs: dict[str, str], session: Any, tmp_path: Path, chromium: Any
) -> None:
    # Partial credit: half of a one-point question, so the quiz earns 6.5 of 7 points.
    parts = next(q for q in QUESTIONS if q.id == "greeting-parts")
    quiz = dataclasses.replace(
        QUIZ, questions=tuple(dataclasses.replace(q, points=1.0) if q is parts else q for q in QUESTIONS)
    )
    first = dataclasses.replace(
        MODULE.pages[0], html=MODULE.pages[0].html + '<audio controls src="media/dot.png"></audio>'
    )
    module = dataclasses.replace(MODULE, pages=(first, *MODULE.pages[1:]))
    unpack(export_package("cmi5", [dataclasses.replace(quiz_bundle(), module=module, quiz=quiz)]), tmp_path)
    auth = {"Authorization": f"Basic {lrs['token']}", **XAPI}
    stored = requests.put(
        f"{lrs['endpoint']}agents/profile",
        params=PREFERENCES,
        json={"languagePreference": "fr-FR,en-GB", "audioPreference": "off"},
        headers={**auth, "If-None-Match": "*"},
        timeout=10,
    )
    assert stored.status_code == 204, stored.text
    registration = str(uuid.uuid4())
    template = {
        "contextActivities": {
            "grouping": [{"objectType": "Activity", "id": AU}],
            "parent": [{"objectType": "Activity", "id": BLOCK}],
        },
        "extensions": {SESSION_ID: "session-1"},
    }
    page = chromium.new_page()
    requests_made: list[tuple[str, str, dict[str, str]]] = []
    page.on("request", lambda r: requests_made.append((r.method, r.url, r.headers)))
    with launch_server(tmp_path, lrs["token"]) as (base, _fetches):
        data = launch_data("session-1", contextTemplate=template, returnURL=f"{base}/returned.html")
        launch_au(page, base, lrs["endpoint"], lrs["token"], registration, data)
        page.locator("#next").wait_for()
        assert page.evaluate("document.documentElement.lang") == "en-GB"  # the first language it has
        assert page.locator("audio").evaluate("audio => audio.muted") is True
        read_pages(page)
        page.locator("#start-quiz").click()
        only_a = """() => { const form = document.querySelector("form.question");
          form.querySelector('input[value="a"]').checked = true;
          form.querySelector("#submit-answer").click(); }"""
        answer_questions(page, {"greeting-parts": only_a})
        assert "Quiz passed" in page.locator("main").inner_text()
        page.locator("#exit").click()
        page.wait_for_url(f"{base}/returned.html")

    assert any(method == "GET" and "agents/profile" in url for method, url, _ in requests_made)
    puts = [headers for method, url, headers in requests_made if method == "PUT"]
    assert puts and all("if-match" in h or h.get("if-none-match") == "*" for h in puts)
    sent = statements_of(session, registration)
    passed = next(s for s in sent if verbs([s]) == ["passed"])
    assert passed["result"]["score"] == {"scaled": 0.9286, "raw": 93, "min": 0, "max": 100}
    answered = [s for s in sent if verbs([s]) == ["answered"]]
    assert len(answered) == len(QUESTIONS)
    for statement in answered:
        assert [a["id"] for a in statement["context"]["contextActivities"]["parent"]] == [BLOCK, AU]


def test_the_lms_mastery_score_decides_what_the_learner_sees(
    lrs: dict[str, str], session: Any, tmp_path: Path, chromium: Any
) -> None:
    unpack(export_package("cmi5", [quiz_bundle()]), tmp_path)
    registration = str(uuid.uuid4())
    page = chromium.new_page()
    with launch_server(tmp_path, lrs["token"]) as (base, _fetches):
        launch_au(
            page, base, lrs["endpoint"], lrs["token"], registration, launch_data("s1", masteryScore=0.9)
        )
        read_pages(page)
        assert "Pass mark: 90%." in page.locator("main").inner_text()  # the quiz's own is 80 %
        page.locator("#start-quiz").click()
        answer_questions(page, {"greeting-first": WRONG})  # 7 of 8 points: 87.5 %
        assert "Quiz not passed" in page.locator("main").inner_text()
        page.locator("#exit").click()
        page.locator("text=Session ended").wait_for()
        wait_for_terminated(session, registration)
    sent = statements_of(session, registration)
    assert verbs(sent)[-2:] == ["failed", "terminated"]
    assert sent[-2]["result"]["score"]["raw"] == 88
    assert sent[-2]["result"]["success"] is False


def test_closing_the_window_right_after_a_failed_attempt_still_ends_the_session(
    lrs: dict[str, str], session: Any, tmp_path: Path, chromium: Any
) -> None:
    unpack(export_package("cmi5", [quiz_bundle()]), tmp_path)
    registration = str(uuid.uuid4())
    page = chromium.new_page()
    with launch_server(tmp_path, lrs["token"]) as (base, _fetches):
        launch_au(page, base, lrs["endpoint"], lrs["token"], registration, launch_data("s1"))
        read_pages(page)
        page.locator("#start-quiz").click()
        answer_questions(page, {q.id: WRONG for q in QUESTIONS})
        assert "Quiz not passed" in page.locator("main").inner_text()
        page.close(run_before_unload=True)  # at once: the last answer is still on its way
        wait_for_terminated(session, registration)
    sent = statements_of(session, registration)
    assert verbs(sent) == ["initialized", *["answered"] * len(QUESTIONS), "failed", "terminated"]


def test_a_browse_launch_leaves_the_next_normal_launch_satisfiable(
    lrs: dict[str, str], session: Any, tmp_path: Path, chromium: Any
) -> None:
    unpack(export_package("cmi5", [quiz_bundle()]), tmp_path)
    registration = str(uuid.uuid4())
    page = chromium.new_page()
    with launch_server(tmp_path, lrs["token"]) as (base, _fetches):
        launch_au(
            page, base, lrs["endpoint"], lrs["token"], registration, launch_data("b1", launchMode="Browse")
        )
        read_pages(page)
        page.locator("#start-quiz").click()
        answer_questions(page, {})
        assert "Quiz passed" in page.locator("main").inner_text()
        page.locator("#exit").click()
        page.locator("text=Session ended").wait_for()
    wait_for_terminated(session, registration)
    with launch_server(tmp_path, lrs["token"]) as (base, _fetches):
        launch_au(page, base, lrs["endpoint"], lrs["token"], registration, launch_data("n1"))
        read_pages(page)
        assert page.locator("#start-quiz").count() == 1  # the quiz is there to take
        page.locator("#start-quiz").click()
        answer_questions(page, {})
        page.locator("#exit").click()
        page.locator("text=Session ended").wait_for()
    wait_for_terminated(session, registration, sessions=2)
    normal = [
        s for s in statements_of(session, registration) if s["context"]["extensions"][SESSION_ID] == "n1"
    ]
    assert verbs(normal) == [
        "initialized",
        *["answered"] * len(QUESTIONS),
        "passed",
        "completed",
        "terminated",
    ]
