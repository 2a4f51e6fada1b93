"""cmi5 and xAPI packages against our own LRS: the test plays the LMS, Chromium plays the learner."""

from __future__ import annotations

import base64
import json
import time
import uuid
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import requests

from app.database import get_db
from exporters import export_package
from exporters.identifiers import module_iri
from learning_record_store import query_statements
from learning_record_store.credentials import create_client
from tests.exporters import browser
from tests.exporters.fixtures import QUESTIONS, quiz_bundle
from tests.exporters.launch_server import launch_server

pytestmark = pytest.mark.browser

CMI5 = "https://w3id.org/xapi/cmi5/context/"
SESSION_ID = CMI5 + "extensions/sessionid"
MASTERY = CMI5 + "extensions/masteryscore"
CATEGORY = CMI5 + "categories/cmi5"
MOVE_ON = CMI5 + "categories/moveon"
AU = module_iri("https://elearn.example/xapi/activities", "fixture-opening")
ACTOR = {
    "objectType": "Agent",
    "name": "Ann Agent",
    "account": {"homePage": "https://lms.example", "name": "ann"},
}
XAPI = {"X-Experience-API-Version": "1.0.3"}


def client_credentials(app: Any) -> tuple[str, str]:
    with get_db(app).transaction() as session:
        issued = create_client(session, name="Test LMS", scopes="all")
        return issued.client.key, issued.secret


def unpack(package: bytes, directory: Path) -> None:
    with zipfile.ZipFile(BytesIO(package)) as archive:
        archive.extractall(directory / "course")


def statements_of(session: Any, registration: str) -> list[dict[str, Any]]:
    session.expire_all()
    found = query_statements(session, registration=registration, limit=0)
    return sorted(found, key=lambda s: s["timestamp"])


def wait_for_terminated(session: Any, registration: str, sessions: int = 1) -> None:
    """Wait (at most 10 s) until the LRS holds ``sessions`` terminated statements of ``registration``."""
    deadline = time.monotonic() + 10
    while verbs(statements_of(session, registration)).count("terminated") < sessions:
        assert time.monotonic() < deadline, "the package never sent terminated"
        time.sleep(0.1)


def verbs(statements: list[dict[str, Any]]) -> list[str]:
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]


def categories(statement: dict[str, Any]) -> set[str]:
    return {c["id"] for c in statement["context"].get("contextActivities", {}).get("category", [])}


def play_the_quiz(page: Any, correct: bool = True) -> None:
    frame = page.main_frame
    page.locator("#next").wait_for()
    while page.locator("#next").count():
        page.locator("#next").click()
    page.locator("#start-quiz").click()
    while page.locator("form.question").count():
        frame.evaluate(browser.LEARNER_JS, correct)


@pytest.fixture
def chromium_page() -> Any:
    browser.require_browser()
    with browser.chromium() as instance:
        page = instance.new_page()
        yield page


def test_a_cmi5_au_reports_by_the_cmi5_rules(
    app: Any, live_server: Any, session: Any, tmp_path: Path, chromium_page: Any
) -> None:
    key, secret = client_credentials(app)
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    endpoint = live_server.url("/xapi/")
    unpack(export_package("cmi5", [quiz_bundle()]), tmp_path)
    registration, session_id = str(uuid.uuid4()), str(uuid.uuid4())
    with launch_server(tmp_path, token) as (base, fetches):
        template = {
            "contextActivities": {"grouping": [{"objectType": "Activity", "id": AU + "/course"}]},
            "extensions": {SESSION_ID: session_id},
        }
        launch_data = {
            "contextTemplate": template,
            "launchMode": "Normal",
            "launchMethod": "AnyWindow",
            "moveOn": "CompletedAndPassed",
            "masteryScore": 0.8,
            "returnURL": f"{base}/returned.html",
        }
        auth = {"Authorization": f"Basic {token}", **XAPI}
        launched = {
            "actor": ACTOR,
            "verb": {"id": "http://adlnet.gov/expapi/verbs/launched"},
            "object": {"id": AU},
            "timestamp": "2020-01-01T00:00:00Z",
            "context": {
                **template,
                "registration": registration,
                "contextActivities": {**template["contextActivities"], "category": [{"id": CATEGORY}]},
            },
        }
        assert (
            requests.post(f"{endpoint}statements", json=launched, headers=auth, timeout=10).status_code == 200
        )
        page = chromium_page
        launch_au(page, base, endpoint, token, registration, launch_data)
        page.locator("#next").wait_for()
        play_the_quiz(page)
        assert "Quiz passed" in page.locator("main").inner_text()
        page.locator("#exit").click()
        page.wait_for_url(f"{base}/returned.html")
        assert fetches == ["/fetch"]

    sent = statements_of(session, registration)
    assert verbs(sent) == [
        "launched",
        "initialized",
        *["answered"] * len(QUESTIONS),
        "passed",
        "completed",
        "terminated",
    ]
    au_sent = sent[1:]
    assert all(s["actor"]["account"] == ACTOR["account"] for s in au_sent)
    assert all(s["context"]["registration"] == registration for s in au_sent)
    assert all(s["context"]["extensions"][SESSION_ID] == session_id for s in au_sent)
    defined = [s for s in au_sent if s["verb"]["id"].rsplit("/", 1)[1] != "answered"]
    assert all(CATEGORY in categories(s) and s["object"]["id"] == AU for s in defined)
    assert all(s["context"]["contextActivities"]["grouping"][0]["id"] == AU + "/course" for s in au_sent)
    passed, completed, terminated = sent[-3:]
    assert passed["result"]["success"] is True and passed["result"]["score"]["scaled"] >= 0.8
    assert passed["context"]["extensions"][MASTERY] == 0.8
    assert MOVE_ON in categories(passed) and MOVE_ON in categories(completed)
    assert completed["result"]["completion"] is True
    assert all(s["result"]["duration"].startswith("PT") for s in (passed, completed, terminated))
    answered = [s for s in au_sent if s["verb"]["id"].endswith("answered")]
    assert all(CATEGORY not in categories(s) for s in answered)  # cmi5 allowed, not cmi5 defined
    assert all(s["context"]["contextActivities"]["parent"][0]["id"] == AU for s in answered)
    first = answered[0]["object"]["definition"]
    assert first["interactionType"] == "choice" and first["correctResponsesPattern"] == ["a"]
    assert [c["id"] for c in first["choices"]] == ["a", "b"]
    assert answered[0]["result"] == {
        "response": "a",
        "success": True,
        "duration": answered[0]["result"]["duration"],
    }


def launch_au(
    page: Any, base: str, endpoint: str, token: str, registration: str, launch_data: dict[str, Any]
) -> None:
    """Play the LMS's part of a launch: store LMS.LaunchData, then open the AU with the cmi5 parameters."""
    state = {
        "activityId": AU,
        "agent": json.dumps(ACTOR),
        "registration": registration,
        "stateId": "LMS.LaunchData",
    }
    auth = {"Authorization": f"Basic {token}", **XAPI}
    # As an LMS must with a strict record store: a precondition on every document write.
    current = requests.get(f"{endpoint}activities/state", params=state, headers=auth, timeout=10)
    precondition = (
        {"If-Match": current.headers["ETag"]} if current.status_code == 200 else {"If-None-Match": "*"}
    )
    stored = requests.put(
        f"{endpoint}activities/state",
        params=state,
        json=launch_data,
        headers={**auth, **precondition},
        timeout=10,
    )
    assert stored.status_code == 204, stored.text
    parameters = {
        "endpoint": endpoint,
        "fetch": f"{base}/fetch",
        "actor": json.dumps(ACTOR),
        "registration": registration,
        "activityId": AU,
    }
    page.goto(f"{base}/course/fixture-opening/index.html?{urlencode(parameters)}")


def launch_cmi5_session(
    page: Any, directory: Path, endpoint: str, token: str, registration: str, session_id: str, learner: Any
) -> None:
    """One cmi5 session as an LMS runs it: fresh LaunchData, a fresh fetch URL, the AU, then exit."""
    with launch_server(directory, token) as (base, fetches):
        launch_data = {
            "contextTemplate": {"extensions": {SESSION_ID: session_id}},
            "launchMode": "Normal",
            "moveOn": "Passed",
            "masteryScore": 0.5,
        }
        launch_au(page, base, endpoint, token, registration, launch_data)
        learner(page)
        page.locator("#exit").click()
        page.locator("text=Session ended").wait_for()
        assert fetches == ["/fetch"]


def test_a_cmi5_failure_is_sent_once_per_session_and_a_later_session_can_pass(
    app: Any, live_server: Any, session: Any, tmp_path: Path, chromium_page: Any
) -> None:
    key, secret = client_credentials(app)
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    endpoint = live_server.url("/xapi/")
    unpack(export_package("cmi5", [quiz_bundle()]), tmp_path)
    registration = str(uuid.uuid4())

    def fail_twice(page: Any) -> None:
        play_the_quiz(page, correct=False)
        page.locator("#retry").click()
        while page.locator("form.question").count():
            page.main_frame.evaluate(browser.LEARNER_JS, False)

    def resume_and_pass(page: Any) -> None:
        page.locator("#start-quiz").click()  # resumed at the quiz, with one attempt left
        while page.locator("form.question").count():
            page.main_frame.evaluate(browser.LEARNER_JS, True)

    launch_cmi5_session(chromium_page, tmp_path, endpoint, token, registration, "session-1", fail_twice)
    wait_for_terminated(session, registration)
    first = statements_of(session, registration)
    n = len(QUESTIONS)
    assert verbs(first) == ["initialized", *["answered"] * (2 * n), "failed", "terminated"]
    failed = first[-2]
    assert failed["result"]["success"] is False and failed["result"]["score"]["scaled"] < 0.5
    assert failed["context"]["extensions"][MASTERY] == 0.5

    launch_cmi5_session(chromium_page, tmp_path, endpoint, token, registration, "session-2", resume_and_pass)
    wait_for_terminated(session, registration, sessions=2)
    second = [
        s
        for s in statements_of(session, registration)
        if s["context"]["extensions"][SESSION_ID] == "session-2"
    ]
    assert verbs(second) == ["initialized", *["answered"] * n, "passed", "completed", "terminated"]


def test_an_xapi_package_reports_to_the_lrs_named_in_its_launch_url(
    app: Any, live_server: Any, session: Any, tmp_path: Path, chromium_page: Any
) -> None:
    key, secret = client_credentials(app)
    auth = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
    endpoint = live_server.url("/xapi/")
    package = export_package("xapi", [quiz_bundle()])
    assert secret.encode() not in package
    unpack(package, tmp_path)
    registration = str(uuid.uuid4())
    with launch_server(tmp_path) as (base, _fetches):
        query = urlencode(
            {
                "endpoint": endpoint,
                "auth": auth,
                "actor": json.dumps(ACTOR),
                "registration": registration,
                "activity_id": AU,
            }
        )
        page = chromium_page
        page.goto(f"{base}/course/fixture-opening/index.html?{query}")
        play_the_quiz(page)
        page.locator("#exit").click()
        page.locator("text=Session ended").wait_for()
        wait_for_terminated(session, registration, sessions=2)  # the quiz's, then the module's

    sent = statements_of(session, registration)
    pages = ["experienced"] * 3
    assert verbs(sent) == [
        "launched",
        "initialized",
        *pages,
        "launched",
        "initialized",
        *["answered"] * len(QUESTIONS),
        "completed",
        "passed",
        "terminated",
        "completed",
        "terminated",
    ]
    objects = [s["object"]["id"] for s in sent]
    quiz_iri = "https://elearn.example/xapi/activities/quizzes/fixture-quiz"
    assert objects[:2] == [AU, AU] and objects[-2:] == [AU, AU]
    assert objects[2:5] == [f"{AU}/pages/intro", f"{AU}/pages/greeting", f"{AU}/pages/practice"]
    assert objects[-5:-2] == [quiz_iri] * 3
    passed = sent[-4]
    assert passed["result"]["score"] == {"raw": 8, "min": 0, "max": 8, "scaled": 1}
    assert passed["result"]["success"] is True
    answered = next(s for s in sent if s["verb"]["id"].endswith("answered"))
    assert answered["object"]["definition"]["interactionType"] == "choice"
    assert answered["context"]["extensions"]["https://elearn.example/xapi/extensions/competencies"] == [
        {"id": "call-opening", "weight": 1.0}
    ]
    assert all(s["context"]["registration"] == registration for s in sent)

    params = {
        "activityId": AU,
        "agent": json.dumps(ACTOR),
        "registration": registration,
        "stateId": "https://elearn.example/xapi/state/package-progress",
    }
    deadline = time.monotonic() + 10
    while True:  # the last save may still be on its way
        state = requests.get(
            f"{endpoint}activities/state", params=params, headers={"Authorization": auth, **XAPI}, timeout=10
        )
        assert state.status_code == 200
        document = state.json()
        if document["completed"] or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert document["completed"] is True
    assert json.loads(document["suspendData"])["s"] == "passed"


def test_a_cmi5_au_launched_to_browse_reports_only_its_session(
    app: Any, live_server: Any, session: Any, tmp_path: Path, chromium_page: Any
) -> None:
    key, secret = client_credentials(app)
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    endpoint = live_server.url("/xapi/")
    unpack(export_package("cmi5", [quiz_bundle()]), tmp_path)
    registration = str(uuid.uuid4())
    with launch_server(tmp_path, token) as (base, _fetches):
        launch_data = {
            "contextTemplate": {"extensions": {SESSION_ID: "browse-1"}},
            "launchMode": "Browse",
            "moveOn": "CompletedAndPassed",
            "masteryScore": 0.8,
        }
        launch_au(chromium_page, base, endpoint, token, registration, launch_data)
        play_the_quiz(chromium_page)
        chromium_page.locator("#exit").click()
        wait_for_terminated(session, registration)
    assert verbs(statements_of(session, registration)) == ["initialized", "terminated"]
