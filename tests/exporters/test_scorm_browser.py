"""SCORM packages in a real SCORM runtime: scorm-again as the LMS API, the SCO in headless Chromium.

A scripted learner passes one run, fails another, and resumes a third after closing mid-quiz; the tests
assert the CMI data the LMS ends up with.
"""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from exporters import export_package
from tests.exporters import browser
from tests.exporters.fixtures import QUESTIONS, QUIZ, pooled_quiz_bundle, quiz_bundle

pytestmark = pytest.mark.browser

LAUNCH = "fixture-opening/index.html"
SCORED = [q for q in QUESTIONS if q.type not in ("likert", "essay")]
FORMATS = {"12": "scorm12", "2004": "scorm2004"}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    browser.require_browser()
    with browser.chromium() as instance:
        yield instance


@pytest.fixture(params=["12", "2004"])
def lms(request: pytest.FixtureRequest, tmp_path: Path, chromium: Any) -> Iterator[dict[str, Any]]:
    version = request.param
    browser.unpack_with_lms(export_package(FORMATS[version], [quiz_bundle()]), tmp_path, version)
    with browser.serve(tmp_path) as base:
        context = chromium.new_context()
        missing: list[str] = []
        context.on(
            "response", lambda r: missing.append(r.url) if "/course/" in r.url and r.status >= 400 else None
        )
        try:
            yield {
                "version": version,
                "base": base,
                "context": context,
                "missing": missing,
                "directory": tmp_path,
            }
        finally:
            context.close()
    assert missing == [], "the package refers to files it does not hold"


def start(lms: dict[str, Any], initial_cmi: dict | None = None) -> browser.Session:
    return browser.Session(lms["context"].new_page(), lms["base"], lms["version"], LAUNCH, initial_cmi)


def interactions(cmi: dict) -> list[dict]:
    items = cmi["cmi"]["interactions"]
    return [items[str(i)] for i in range(len(items))]


def objectives(cmi: dict) -> dict[str, dict]:
    return {o["id"]: o for o in cmi["cmi"]["objectives"].values()}


def suspend_data(cmi: dict) -> str:
    return cmi["cmi"]["suspend_data"]


def lms_errors(session: browser.Session) -> list:
    return session.sco.evaluate("window.ElearnPlayer.lmsErrors()")


def test_a_learner_who_answers_rightly_passes(lms: dict[str, Any]) -> None:
    session = start(lms)
    session.read_pages()
    answered = session.take_quiz(correct=True)
    assert "Quiz passed" in session.text()
    # review "answers" with two of three attempts left: the learner's own answers, not the key
    assert "Your answer:" in session.text() and "Correct answer:" not in session.text()
    assert lms_errors(session) == []
    commits_before_closing = sum(call in ("LMSCommit", "Commit") for call in session.calls())
    assert commits_before_closing >= len(QUESTIONS)  # at least one commit per answer
    session.close()
    cmi = session.cmi()
    calls = session.calls()
    assert calls[0] in ("LMSInitialize", "Initialize") and calls[-1] in ("LMSFinish", "Terminate")
    items = interactions(cmi)
    assert [i["id"] for i in items] == answered == [q.id for q in QUESTIONS]
    by_id = {i["id"]: i for i in items}
    if lms["version"] == "12":
        core = cmi["cmi"]["core"]
        assert core["lesson_status"] == "passed"
        assert (core["score"]["raw"], core["score"]["min"], core["score"]["max"]) == ("100", "0", "100")
        assert core["exit"] == ""
        assert re.fullmatch(r"\d{4}:\d{2}:\d{2}\.\d{2}", session.sent("cmi.core.session_time")[-1])
        assert by_id["greeting-parts"]["correct_responses"]["0"]["pattern"] == "a,b"
        assert by_id["greeting-parts"]["student_response"] == "a,b"
        assert by_id["no-leading"]["correct_responses"]["0"]["pattern"] == "f"
        assert by_id["match-phrases"]["student_response"] == "a.x,b.y"
        assert by_id["opening-seconds"]["correct_responses"]["0"]["pattern"] == "30"
        assert by_id["describe-opening"]["type"] == "fill-in"  # 1.2 has no long-fill-in
    else:
        root = cmi["cmi"]
        assert (root["completion_status"], root["success_status"]) == ("completed", "passed")
        assert root["score"]["scaled"] == "1"
        assert root["progress_measure"] == "1"
        assert root["exit"] == "normal"
        assert re.fullmatch(r"PT(\d+H)?(\d+M)?[\d.]+S", session.sent("cmi.session_time")[-1])
        assert by_id["greeting-parts"]["correct_responses"]["0"]["pattern"] == "a[,]b"
        assert by_id["greeting-parts"]["learner_response"] == "a[,]b"
        assert (
            by_id["company-name"]["correct_responses"]["0"]["pattern"] == "{case_matters=false}Kestrel Home"
        )
        assert by_id["opening-seconds"]["correct_responses"]["0"]["pattern"] == "25[:]35"
        assert by_id["match-phrases"]["learner_response"] == "a[.]x[,]b[.]y"
        assert by_id["opening-order"]["type"] == "sequencing"
        assert by_id["describe-opening"]["type"] == "long-fill-in"
        assert by_id["no-leading"]["description"] == "You may ask leading questions <to verify>."
        assert all(i["timestamp"] for i in items)
    assert {by_id[q.id]["result"] for q in SCORED} == {"correct"}
    assert by_id["confidence"]["result"] == by_id["describe-opening"]["result"] == "neutral"
    assert by_id["greeting-parts"]["weighting"] == "2"
    assert [o["id"] for o in by_id["greeting-parts"]["objectives"].values()] == [
        "competency-call-opening",
        "competency-rapport",
    ]
    competencies = objectives(cmi)
    assert set(competencies) == {"competency-call-opening", "competency-rapport"}
    for objective in competencies.values():
        if lms["version"] == "12":
            assert (objective["status"], objective["score"]["raw"]) == ("passed", "100")
        else:
            assert (objective["success_status"], objective["score"]["scaled"]) == ("passed", "1")
    assert json.loads(suspend_data(cmi))["s"] == "passed"


def test_a_learner_who_answers_wrongly_fails_after_the_last_attempt(lms: dict[str, Any]) -> None:
    session = start(lms)
    session.read_pages()
    session.take_quiz(correct=False)
    assert "Quiz not passed" in session.text()
    cmi = session.cmi()
    if lms["version"] == "12":
        # A failed attempt with retries left is reported as incomplete, not failed.
        assert cmi["cmi"]["core"]["lesson_status"] == "incomplete"
        assert cmi["cmi"]["core"]["score"]["raw"] == "0"
    else:
        assert (cmi["cmi"]["completion_status"], cmi["cmi"]["success_status"]) == ("incomplete", "failed")
    session.take_quiz(correct=False)
    session.take_quiz(correct=False)
    assert not session.frame.locator("#retry").count()
    session.close()
    cmi = session.cmi()
    items = interactions(cmi)
    assert len(items) == 3 * len(QUESTIONS)
    long_answer = next(i for i in items if i["id"] == "company-name")  # 300 characters typed
    if lms["version"] == "12":
        assert long_answer["student_response"] == ("nope " * 60)[:255]
    else:
        assert long_answer["learner_response"] == ("nope " * 60)[:250]
    wrong = "wrong" if lms["version"] == "12" else "incorrect"
    assert {i["result"] for i in items if i["id"] in {q.id for q in SCORED}} == {wrong}
    if lms["version"] == "12":
        assert cmi["cmi"]["core"]["lesson_status"] == "failed"
        assert all(o["status"] == "failed" for o in objectives(cmi).values())
    else:
        root = cmi["cmi"]
        # All attempts used: the module is done (completed) but its objective is not satisfied.
        assert (root["completion_status"], root["success_status"], root["score"]["scaled"]) == (
            "completed",
            "failed",
            "0",
        )
        assert all(o["success_status"] == "failed" for o in objectives(cmi).values())
    assert json.loads(suspend_data(cmi))["a"] == 3


def resumed_cmi(cmi: dict, version: str) -> dict:
    """What an LMS hands a SCO that was suspended: its data, with entry set to resume."""
    data = cmi["cmi"]
    if version == "12":
        core = data["core"]
        return {
            "suspend_data": data["suspend_data"],
            "core": {
                "lesson_location": core["lesson_location"],
                "lesson_status": core["lesson_status"],
                "entry": "resume",
            },
        }
    return {
        "suspend_data": data["suspend_data"],
        "location": data["location"],
        "entry": "resume",
        "completion_status": data["completion_status"],
        "interactions": data["interactions"],
    }


def test_a_learner_resumes_after_closing_mid_quiz(lms: dict[str, Any]) -> None:
    first = start(lms)
    first.read_pages()
    first.click("#start-quiz")
    answered = [first.answer(correct=True) for _ in range(3)]
    first.close()
    cmi = first.cmi()
    saved = json.loads(suspend_data(cmi))
    assert saved["q"]["e"][:3] == [[1, "c"], [2, "c"], [1, "c"]]
    assert len(suspend_data(cmi)) <= 4096
    if lms["version"] == "12":
        assert (cmi["cmi"]["core"]["exit"], cmi["cmi"]["core"]["lesson_status"]) == ("suspend", "incomplete")
    else:
        assert (cmi["cmi"]["exit"], cmi["cmi"]["completion_status"]) == ("suspend", "incomplete")
        assert float(cmi["cmi"]["progress_measure"]) == pytest.approx(0.75)

    second = start(lms, resumed_cmi(cmi, lms["version"]))
    assert f"Question 4 of {len(QUESTIONS)}" in second.text()
    while second.frame.locator("form.question").count():
        answered.append(second.answer(correct=True))
    assert "Quiz passed" in second.text()
    second.close()
    final = second.cmi()
    assert answered == [q.id for q in QUESTIONS]
    if lms["version"] == "12":
        assert final["cmi"]["core"]["lesson_status"] == "passed"
        assert final["cmi"]["core"]["score"]["raw"] == "100"
        assert [i["id"] for i in interactions(final)] == answered[3:]  # 1.2 interactions are write-only
    else:
        assert (final["cmi"]["completion_status"], final["cmi"]["success_status"]) == ("completed", "passed")
        assert [i["id"] for i in interactions(final)] == answered


def test_without_an_lms_the_package_runs_as_a_preview(lms: dict[str, Any]) -> None:
    page = lms["context"].new_page()
    page.goto(f"{lms['base']}/course/{LAUNCH}")
    assert "no LMS found" in page.locator(".preview-banner").inner_text()
    page.locator("#next").click()
    assert "The greeting" in page.locator("main h1").inner_text()


def test_a_package_opened_in_a_new_window_finds_the_api_through_its_opener(lms: dict[str, Any]) -> None:
    page = lms["context"].new_page()
    with page.expect_popup() as popup_info:
        page.goto(f"{lms['base']}/host.html?version={lms['version']}&launch=course/{LAUNCH}&window=1")
    sco = popup_info.value
    sco.locator("#next").click()
    sco.locator("#next").click()
    assert sco.locator(".preview-banner").count() == 0
    location = "cmi.core.lesson_location" if lms["version"] == "12" else "cmi.location"
    sets = page.evaluate("window.lmsSets")
    assert [value for name, value in sets if name == location][-1] == "2"
    assert page.evaluate("window.lmsCalls")[0] in ("LMSInitialize", "Initialize")


def test_knowledge_checks_are_practice_checked_in_place_and_never_reported(lms: dict[str, Any]) -> None:
    session = start(lms)
    session.click("#next")
    check = session.frame.locator("form.check[data-question-id=practice-first]")
    check.locator("input[value=b]").check()
    check.locator("button.submit").click()
    feedback = session.frame.locator(".check-feedback").inner_text()
    assert feedback == "Not quite. Too early. Greeting, company, name."
    check.locator("input[value=a]").check()
    check.locator("button.submit").click()
    assert session.frame.locator(".check-feedback").inner_text().startswith("Correct. Yes: greet first.")
    session.close()
    assert interactions(session.cmi()) == []


def test_a_pool_draws_its_share_of_questions_for_each_attempt(tmp_path: Path, chromium: Any) -> None:
    with zipfile.ZipFile(BytesIO(export_package("scorm12", [pooled_quiz_bundle()]))) as archive:
        archive.extractall(tmp_path)
    with browser.serve(tmp_path) as base:
        page = chromium.new_page()
        try:
            page.goto(f"{base}/{LAUNCH}")  # no LMS: the preview plays the same quiz
            while page.locator("#next").count():
                page.locator("#next").click()
            page.locator("#start-quiz").click()
            answered = []
            while page.locator("form.question").count():
                answered.append(page.main_frame.evaluate(browser.LEARNER_JS, True))
        finally:
            page.close()
    pooled = {"greeting-first", "no-leading"}
    assert len(answered) == len(QUESTIONS) - 1
    assert len(pooled & set(answered)) == 1
    assert set(answered) - pooled == {q.id for q in QUESTIONS} - pooled


@pytest.mark.parametrize("version", ["12", "2004"])
def test_every_sample_quiz_module_passes_in_a_real_scorm_runtime(
    version: str, session: Any, tmp_path: Path, chromium: Any
) -> None:
    from courses import build_content, list_modules
    from exporters import load_bundles

    assert not build_content(session, Path(__file__).resolve().parents[2] / "content").errors
    session.commit()
    bundles = [b for b in load_bundles(session, [m.info.module_id for m in list_modules(session)]) if b.quiz]
    assert len(bundles) >= 3
    for bundle in bundles:
        folder = tmp_path / bundle.module.id
        browser.unpack_with_lms(export_package(FORMATS[version], [bundle]), folder, version)
        with browser.serve(folder) as base:
            context = chromium.new_context()
            try:
                run = browser.Session(context.new_page(), base, version, f"{bundle.module.id}/index.html")
                run.read_pages()
                answered = run.take_quiz(correct=True)
                text = run.text()
                assert "Quiz passed" in text or "Quiz submitted" in text, bundle.module.id
                assert run.sco.evaluate("window.ElearnPlayer.lmsErrors()") == []
                run.close()
                cmi = run.cmi()["cmi"]
            finally:
                context.close()
        items = [cmi["interactions"][str(i)] for i in range(len(cmi["interactions"]))]
        assert [i["id"] for i in items] == answered
        scored = [i for i in items if i["result"] != "neutral"]
        assert scored and all(
            i["result"] == "correct" and i["correct_responses"]["0"]["pattern"] for i in scored
        )
        if version == "12":
            assert cmi["core"]["lesson_status"] == "passed"
        else:
            assert (cmi["success_status"], cmi["completion_status"]) == ("passed", "completed")


def test_a_timed_quiz_closes_when_time_runs_out(lms: dict[str, Any]) -> None:
    quiz = dataclasses.replace(QUIZ, settings=dataclasses.replace(QUIZ.settings, time_limit_minutes=1))
    bundle = dataclasses.replace(quiz_bundle(), quiz=quiz)
    page = lms["context"].new_page()
    page.clock.install()
    directory = lms["directory"]
    browser.unpack_with_lms(export_package(FORMATS[lms["version"]], [bundle]), directory, lms["version"])
    session = browser.Session(page, lms["base"], lms["version"], LAUNCH)
    session.read_pages()
    session.click("#start-quiz")
    assert "Time left: 1:00" in session.text()
    session.answer(correct=True)
    session.answer(correct=True)
    page.clock.run_for(61_000)
    assert "Time ran out" in session.text()
    session.close()
    cmi = session.cmi()
    assert [i["id"] for i in interactions(cmi)] == ["greeting-first", "greeting-parts"]
    score = cmi["cmi"]["core"]["score"]["raw"] if lms["version"] == "12" else cmi["cmi"]["score"]["raw"]
    assert float(score) == pytest.approx(100 * 3 / 8, abs=0.01)  # 3 of the 8 points of the attempt


def test_the_package_commits_when_its_page_is_hidden(lms: dict[str, Any]) -> None:
    session = start(lms)
    commits = lambda: sum(call in ("LMSCommit", "Commit") for call in session.calls())  # noqa: E731
    before = commits()
    session.sco.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    assert commits() == before + 1
    assert session.calls()[-1] in ("LMSCommit", "Commit")  # a commit, not the end of the session
