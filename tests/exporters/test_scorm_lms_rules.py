"""SCORM packages under the rules an LMS applies: its own mastery score, the 1.2 mastery-score rule, the
correct-response patterns it must keep, and knowledge checks in a module without a quiz (scorm-again in
headless Chromium, as in test_scorm_browser.py)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from exporters import ModuleBundle, export_package
from tests.exporters import browser
from tests.exporters.fixtures import MODULE, PLAIN_MODULE, QUESTIONS, QUIZ, quiz_bundle

pytestmark = pytest.mark.browser

FORMATS = {"12": "scorm12", "2004": "scorm2004"}
# An LMS applying the 1.2 mastery-score rule (Moodle's default "Mastery score overrides status: Yes").
MASTERY_RULE = {"mastery_override": True}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    browser.require_browser()
    with browser.chromium() as instance:
        yield instance


def run(
    chromium: Any,
    tmp_path: Path,
    version: str,
    bundle: ModuleBundle,
    initial_cmi: dict | None = None,
    lms_settings: dict | None = None,
) -> Iterator[browser.Session]:
    browser.unpack_with_lms(export_package(FORMATS[version], [bundle]), tmp_path, version)
    with browser.serve(tmp_path) as base:
        context = chromium.new_context()
        try:
            yield browser.Session(
                context.new_page(),
                base,
                version,
                f"{bundle.module.id}/index.html",
                initial_cmi,
                lms_settings,
            )
        finally:
            context.close()


def answer_all(session: browser.Session, wrong: set[str]) -> None:
    """Answer every question of the attempt on screen, wrongly those in ``wrong``."""
    session.click("#start-quiz, #retry")
    while session.frame.locator("form.question").count():
        qid = session.frame.locator("form.question").get_attribute("data-question-id")
        session.answer(correct=qid not in wrong)


def interactions(cmi: dict) -> dict[str, dict]:
    items = cmi["cmi"]["interactions"]
    return {items[str(i)]["id"]: items[str(i)] for i in range(len(items))}


@pytest.mark.parametrize("version", ["12", "2004"])
def test_the_lms_mastery_score_decides_what_the_learner_sees(
    version: str, chromium: Any, tmp_path: Path
) -> None:
    # The quiz's pass mark is 80 %; the LMS raises it to 90 %. 7 of 8 points (87.5 %) no longer pass.
    cmi = {"student_data": {"mastery_score": "90"}} if version == "12" else {"scaled_passing_score": "0.9"}
    for session in run(chromium, tmp_path, version, quiz_bundle(), cmi, MASTERY_RULE):
        session.read_pages()
        assert "Pass mark: 90%." in session.text()
        answer_all(session, wrong={"greeting-first"})
        assert "Quiz not passed" in session.text()
        assert "Your score: 88% (pass mark 90%)." in session.text()
        assert session.frame.locator("#retry").count()
        session.close()
        data = session.cmi()["cmi"]
        if version == "12":
            assert data["core"]["lesson_status"] == "incomplete"  # retries left, and the LMS agrees
        else:
            assert (data["success_status"], data["score"]["scaled"]) == ("failed", "0.875")


def test_a_scorm12_failed_attempt_with_retries_left_stays_open_under_the_mastery_rule(
    chromium: Any, tmp_path: Path
) -> None:
    cmi = {"student_data": {"mastery_score": "80"}}  # the LMS took adlcp:masteryscore from the manifest
    for session in run(chromium, tmp_path, "12", quiz_bundle(), cmi, MASTERY_RULE):
        session.read_pages()
        session.take_quiz(correct=False)
        assert "Quiz not passed" in session.text()
        session.close()
        core = session.cmi()["cmi"]["core"]
        # Still open: no score that the LMS could hold against the mastery score before the last attempt.
        assert (core["lesson_status"], core["score"]["raw"]) == ("incomplete", "")
        assert "cmi.core.score.raw" not in {name for name, _ in session.page.evaluate("window.lmsSets")}


def test_a_scorm12_failure_is_scored_once_no_attempt_is_left(chromium: Any, tmp_path: Path) -> None:
    cmi = {"student_data": {"mastery_score": "80"}}
    for session in run(chromium, tmp_path, "12", quiz_bundle(), cmi, MASTERY_RULE):
        session.read_pages()
        for _ in range(QUIZ.settings.attempts):
            session.take_quiz(correct=False)
        session.close()
        core = session.cmi()["cmi"]["core"]
        assert (core["lesson_status"], core["score"]["raw"]) == ("failed", "0")


def test_scorm12_patterns_that_need_every_item_are_braced(chromium: Any, tmp_path: Path) -> None:
    for session in run(chromium, tmp_path, "12", quiz_bundle()):
        session.read_pages()
        session.take_quiz(correct=True)
        session.close()
        items = interactions(session.cmi())
    assert items["greeting-parts"]["correct_responses"]["0"]["pattern"] == "{a,b}"
    assert items["match-phrases"]["correct_responses"]["0"]["pattern"] == "{a.x,b.y}"
    assert items["greeting-parts"]["student_response"] == "a,b"  # a response is never braced
    assert items["greeting-first"]["correct_responses"]["0"]["pattern"] == "a"


def test_a_scorm2004_fill_in_sends_at_most_five_patterns(chromium: Any, tmp_path: Path) -> None:
    answers = [
        "Kestrel Home",
        "KESTREL HOME",
        "Kestrel",
        "Kestrel Home Ltd",
        "Kestrel Homes",
        "kestrel",
        "Kestrel Home Limited",
        "KH",
    ]
    fill_in = next(q for q in QUESTIONS if q.id == "company-name")
    many = dataclasses.replace(fill_in, key={**fill_in.key, "answers": answers})
    quiz = dataclasses.replace(QUIZ, questions=tuple(many if q.id == many.id else q for q in QUESTIONS))
    bundle = dataclasses.replace(quiz_bundle(), quiz=quiz)
    for session in run(chromium, tmp_path, "2004", bundle):
        session.read_pages()
        session.take_quiz(correct=True)
        errors = session.sco.evaluate("window.ElearnPlayer.lmsErrors()")
        session.close()
        patterns = interactions(session.cmi())["company-name"]["correct_responses"]
    assert [patterns[str(i)]["pattern"] for i in range(len(patterns))] == [
        "{case_matters=false}Kestrel Home",
        "{case_matters=false}Kestrel",
        "{case_matters=false}Kestrel Home Ltd",
        "{case_matters=false}Kestrel Homes",
        "{case_matters=false}Kestrel Home Limited",
    ]
    assert errors == []


@pytest.mark.parametrize("version", ["12", "2004"])
def test_a_knowledge_check_works_in_a_module_without_a_quiz(
    version: str, chromium: Any, tmp_path: Path
) -> None:
    check_page = next(p for p in MODULE.pages if p.check_ids)
    pages = (PLAIN_MODULE.pages[0], dataclasses.replace(check_page, index=1), *PLAIN_MODULE.pages[1:])
    pages = tuple(dataclasses.replace(p, index=i) for i, p in enumerate(pages))
    module = dataclasses.replace(PLAIN_MODULE, pages=pages, checks=MODULE.checks)
    for session in run(chromium, tmp_path, version, ModuleBundle(module)):
        session.click("#next")
        check = session.frame.locator("form.check[data-question-id=practice-first]")
        check.locator("input[value=a]").check()
        check.locator("button.submit").click()
        assert session.frame.locator(".check-feedback").inner_text().startswith("Correct. Yes: greet first.")
        assert session.sco.evaluate("window.ElearnPlayer.lmsErrors()") == []
        location = "cmi.core.lesson_location" if version == "12" else "cmi.location"
        assert session.sent(location)[-1] == "1"  # the page with the check was reported
        session.read_pages()
        session.close()
        data = session.cmi()["cmi"]
        status = data["core"]["lesson_status"] if version == "12" else data["completion_status"]
        assert status == "completed"
        assert len(data["interactions"]) == 0  # practice is reported nowhere


def test_a_saved_result_is_judged_again_by_the_lms_mastery_score(chromium: Any, tmp_path: Path) -> None:
    saved = json.dumps({"v": 1, "l": 3, "p": "111", "a": 1, "b": 0.875, "s": "passed"})  # passed at 80 %
    cmi = {
        "suspend_data": saved,
        "core": {"entry": "resume", "lesson_location": "3"},
        "student_data": {"mastery_score": "90"},
    }
    for session in run(chromium, tmp_path, "12", quiz_bundle(), cmi, MASTERY_RULE):
        assert "Your best score: 88% (failed)." in session.text()
        assert session.frame.locator("#start-quiz").inner_text() == "Try again"
