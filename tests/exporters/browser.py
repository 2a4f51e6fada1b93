"""Running packages in headless Chromium inside a test LMS (scorm-again) served from 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LEARNER_JS = (HERE / "learner.js").read_text()


def require_browser() -> None:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (scripts/setup-env installs it)")
    if not (SCORM_AGAIN / "scorm12.js").exists():
        pytest.skip("scorm-again is not installed: run npm install (scripts/setup-env does)")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the signature of the base class
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 and yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def unpack_with_lms(package: bytes, directory: Path, version: str) -> None:
    """Unpack a package into ``directory/course`` and put the test LMS beside it."""
    with zipfile.ZipFile(BytesIO(package)) as archive:
        archive.extractall(directory / "course")
    lms = "scorm12.js" if version == "12" else "scorm2004.js"
    shutil.copyfile(SCORM_AGAIN / lms, directory / "lms.js")
    for name in ("host.html", "host.js"):
        shutil.copyfile(HERE / "host" / name, directory / name)


class Session:
    """One LMS session: the host page with the SCO in its frame."""

    def __init__(
        self,
        page: Any,
        base: str,
        version: str,
        launch: str,
        initial_cmi: dict | None = None,
        lms_settings: dict | None = None,
    ) -> None:
        self.page = page
        if initial_cmi is not None:
            page.add_init_script(f"window.__initialCmi = {json.dumps(initial_cmi)};")
        if lms_settings is not None:
            page.add_init_script(f"window.__lmsSettings = {json.dumps(lms_settings)};")
        page.goto(f"{base}/host.html?version={version}&launch=course/{launch}")
        self.frame = page.frame_locator("#sco")
        self.frame.locator("main#player h1, main#player form").first.wait_for()

    @property
    def sco(self) -> Any:
        return self.page.frames[1]

    def click(self, selector: str) -> None:
        self.frame.locator(selector).click()

    def read_pages(self) -> None:
        """Page through the module up to the quiz (or the end)."""
        while True:
            button = self.frame.locator("#next")
            if not button.count():
                return
            button.click()

    def answer(self, correct: bool) -> str:
        self.frame.locator("form.question").wait_for()
        return self.sco.evaluate(LEARNER_JS, correct)

    def take_quiz(self, correct: bool) -> list[str]:
        self.click("#start-quiz, #retry")
        answered = []
        while self.frame.locator("form.question").count():
            answered.append(self.answer(correct))
            self.page.wait_for_timeout(10)
        return answered

    def text(self) -> str:
        return self.frame.locator("main#player").inner_text()

    def close(self) -> None:
        """Leave the SCO as a learner closing the window does: the frame navigates away."""
        self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        self.page.wait_for_function(
            "window.lmsCalls.includes('LMSFinish') || window.lmsCalls.includes('Terminate')"
        )

    def cmi(self) -> dict:
        return self.page.evaluate("window.lmsCmi()")

    def sent(self, element: str) -> list[str]:
        """Return every value the SCO set for ``element``, in order."""
        return [value for name, value in self.page.evaluate("window.lmsSets") if name == element]

    def calls(self) -> list[str]:
        return self.page.evaluate("window.lmsCalls")


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
