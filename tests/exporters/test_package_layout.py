"""The package's pages on a phone (390 px) and a desktop (1280 px): nothing runs off the screen, every
touch target is at least 44 px tall, the essay box takes the full width, axe-core finds nothing serious.
Set ELEARN_SCREENSHOTS to a folder to keep a screenshot of every question at both widths."""

from __future__ import annotations

import dataclasses
import os
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from assessments.model import Choice
from exporters import export_package
from tests.exporters import browser
from tests.exporters.fixtures import QUESTIONS, QUIZ, quiz_bundle
from tests.learner.browser import serious_violations

pytestmark = pytest.mark.browser

TOUCH = 44
# Targets as long as real ones, so that a dropdown sized by its longest option would not fit a phone.
LONG_TARGETS = (
    Choice("x", "Greeting the caller and giving the company's name", "<p>Greeting</p>"),
    Choice("y", "Inviting the caller to explain the reason for the call", "<p>Invitation</p>"),
    Choice("z", "Closing the call with a summary of the agreed next steps", "<p>Closing</p>"),
)

LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const targets = [...document.querySelectorAll(
    "main button, main select, main textarea, main input[type=text], main label.choice")].filter(visible);
  const box = (e) => e.getBoundingClientRect();
  const textarea = document.querySelector("main textarea");
  const form = textarea && textarea.closest("form");
  return {
    width,
    scrollWidth: document.documentElement.scrollWidth,
    small: targets.filter((e) => box(e).height < 44).map((e) => e.outerHTML.slice(0, 80)),
    outside: targets.filter((e) => box(e).right > width + 0.5 || box(e).left < -0.5)
      .map((e) => e.outerHTML.slice(0, 80)),
    essay: textarea ? [box(textarea).width, form.clientWidth - parseFloat(getComputedStyle(form).paddingLeft)
      - parseFloat(getComputedStyle(form).paddingRight)] : null,
  };
}"""


def long_matching_bundle() -> Any:
    matching = next(q for q in QUESTIONS if q.type == "matching")
    longer = dataclasses.replace(matching, targets=LONG_TARGETS)
    quiz = dataclasses.replace(QUIZ, questions=tuple(longer if q is matching else q for q in QUESTIONS))
    return dataclasses.replace(quiz_bundle(), quiz=quiz)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    browser.require_browser()
    folder = tmp_path_factory.mktemp("layout")
    with zipfile.ZipFile(BytesIO(export_package("scorm12", [long_matching_bundle()]))) as archive:
        archive.extractall(folder)
    with browser.serve(folder) as base, browser.chromium() as chromium:
        yield chromium, base


def check(page: Any, name: str, width: int, axe: bool = True) -> dict[str, Any]:
    folder = os.environ.get("ELEARN_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{width}-{name}.png"), full_page=True)
    found = page.evaluate(LAYOUT)
    assert found["scrollWidth"] <= found["width"], f"{name}: the page is wider than the screen"
    assert found["outside"] == [], f"{name}: runs off the screen"
    assert found["small"] == [], f"{name}: touch targets under {TOUCH} px"
    if axe:
        assert serious_violations(page) == [], name
    return found


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_and_question_fits_the_screen_with_44px_touch_targets(
    served: tuple[Any, str], width: int
) -> None:
    chromium, base = served
    page = chromium.new_page(viewport={"width": width, "height": 844})
    try:
        page.goto(f"{base}/fixture-opening/index.html")
        check(page, "page-1", width)
        page.locator("#next").click()
        check(page, "knowledge-check", width)
        while page.locator("#next").count():
            page.locator("#next").click()
        check(page, "quiz-intro", width)
        page.locator("#start-quiz").click()
        seen = []
        while page.locator("form.question").count():
            kind = page.locator("form.question").get_attribute("data-question-type")
            found = check(page, kind, width)
            if kind == "essay":
                box, room = found["essay"]
                assert box == pytest.approx(room, abs=1), "the essay box takes the full width"
            seen.append(kind)
            page.main_frame.evaluate(browser.LEARNER_JS, True)
        check(page, "result", width)
    finally:
        page.close()
    assert {"matching", "ordering", "essay", "multiple"} <= set(seen)


def test_matching_and_ordering_work_by_touch_on_a_phone(served: tuple[Any, str]) -> None:
    chromium, base = served
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{base}/fixture-opening/index.html")
        while page.locator("#next").count():
            page.locator("#next").tap()
        page.locator("#start-quiz").tap()
        while page.locator("form.question").get_attribute("data-question-type") != "matching":
            page.main_frame.evaluate(browser.LEARNER_JS, True)
        for select, target in zip(page.locator("select[name=match]").all(), ("x", "y"), strict=True):
            select.tap()
            select.select_option(target)
        page.locator("#submit-answer").tap()
        assert page.locator("form.question").get_attribute("data-question-type") == "ordering"
        steps = {"a": "1", "b": "2", "c": "3"}
        for select in page.locator("select[name=position]").all():
            select.tap()
            select.select_option(steps[select.get_attribute("data-step")])
        page.locator("#submit-answer").tap()
        results = page.evaluate("window.ElearnPlayer.state.attempt.results.map((r) => r.result)")
    finally:
        context.close()
    assert results[-2:] == ["correct", "correct"]


def test_every_sample_module_fits_a_phone(served: tuple[Any, str], session: Any, tmp_path: Path) -> None:
    from courses import build_content, list_modules
    from exporters import load_bundles

    chromium, _fixture_base = served
    assert not build_content(session, Path(__file__).resolve().parents[2] / "content").errors
    session.commit()
    bundles = load_bundles(session, [m.info.module_id for m in list_modules(session)])
    assert len(bundles) >= 3
    with zipfile.ZipFile(BytesIO(export_package("scorm12", bundles))) as archive:
        archive.extractall(tmp_path)
    with browser.serve(tmp_path) as base:
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        try:
            for bundle in bundles:
                play_at_390(page, base, bundle)
        finally:
            page.close()


def play_at_390(page: Any, base: str, bundle: Any) -> None:
    module_id = bundle.module.id
    page.goto(f"{base}/{module_id}/index.html")
    page.locator("main#player h1").first.wait_for()
    for number in range(len(bundle.module.pages)):
        check(page, f"{module_id}-page-{number + 1}", 390, axe=False)
        page.locator("#next").click()
    if not bundle.quiz:
        return
    page.locator("#start-quiz").click()
    while page.locator("form.question").count():
        qid = page.locator("form.question").get_attribute("data-question-id")
        check(page, f"{module_id}-{qid}", 390, axe=False)
        page.main_frame.evaluate(browser.LEARNER_JS, True)
