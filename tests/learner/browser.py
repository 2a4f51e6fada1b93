"""Playwright helpers for the learner pages: Debian's Chromium, sign-in, axe-core checks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "correct-horse-battery-staple"


def shot(page: Any, name: str) -> None:
    """With ELEARN_SCREENSHOTS set to a folder, save a full-page screenshot there to look at."""
    folder = os.environ.get("ELEARN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def require_browser() -> None:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (scripts/setup-env installs it)")


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    require_browser()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def sign_in(browser: Any, base: str, email: str, **context_options: Any) -> Any:
    """Open a new browser context (another device) and sign in; return its page on My learning."""
    # Reduced motion: Bootstrap then skips its colour transitions, so axe never reads a button mid-fade.
    context = browser.new_context(**{"reduced_motion": "reduce", **context_options})
    page = context.new_page()
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/learn/")
    return page


def serious_violations(page: Any) -> list[str]:
    """Run axe-core on the page; return its serious and critical violations, described.

    axe-core is evaluated in the page rather than added as a script tag, so the page's CSP stays on.
    """
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run npm install (scripts/setup-env does)")
    page.evaluate(AXE.read_text() + "\n;void 0")
    results = page.evaluate(
        "async () => { const r = await axe.run(document); return [r.passes.length, r.violations]; }"
    )
    checked, found = results
    assert checked > 10, "axe-core did not check the page"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def put_in_order(container: Any, steps: list[str]) -> None:
    """Move an ordering's steps (ordering.js's list) into ``steps``' order with their ↑ buttons."""

    def on_screen() -> list[str]:
        return container.locator("li.order-step").evaluate_all("items => items.map(li => li.dataset.step)")

    for place, step in enumerate(steps):
        while on_screen().index(step) > place:
            text = container.locator(f"li.order-step[data-step='{step}'] .order-text").inner_text()
            container.get_by_role("button", name=f"Move up: {text}").click()
    assert on_screen() == steps
