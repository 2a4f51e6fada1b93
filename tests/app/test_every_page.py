"""Every page of every role, from the route list, on a phone (390×844) and a desktop (1280×800).

Each page must fit its viewport (the document never scrolls sideways), log no console error, pass axe-core
without serious or critical violations, and draw every chart and progress bar with a non-zero size. The
pages come from ``app.url_map`` (GET routes the role may open), with URL arguments filled from a small team
with some history (``tests/app/populated.py``), so a new page is checked without being listed here.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.access import access_rule
from app.database import get_db
from app.mentoring.models import FollowUp, Relationship
from app.mentoring.progress import learner_key
from assessments.mastery_store import evidence_for
from assessments.store import Response
from tests.app.populated import Population, populate
from tests.conftest import TEST_PASSWORD
from tests.learner.browser import AXE, chromium

pytestmark = pytest.mark.browser

VIEWPORTS = ({"width": 390, "height": 844}, {"width": 1280, "height": 800})
ROLES = ("anonymous", "learner", "mentor", "lead", "admin", "both")
# Not pages: files, feeds and machine endpoints (each has its own tests).
NOT_PAGES = {
    "static",
    "bootstrap.static",
    "main.healthz",
    "learner.media",
    "exports.download",
    "admin.export_download",
    "mentoring.checkin_ics",
    "mentoring.mastery_json",
    "mentoring.team_csv",
    "insight.quiz_csv",
    "insight.scores_csv",
    "insight.team_table_csv",
    "insight.competency_csv",
    "insight.person_csv",
}
# What is drawn from data: it must have a size on screen (unless inside a closed <details>).
DRAWN = "[role=progressbar], progress, .chart-frame svg, svg[role=img], .bar-track"

MEASURE = """(selector) => {
  const drawn = [...document.querySelectorAll(selector)].filter(e => !e.closest('details:not([open])'));
  const flat = drawn.filter(e => {
    const box = e.getBoundingClientRect();
    return box.width < 1 || box.height < 1;
  });
  return {
    width: document.documentElement.scrollWidth,
    drawn: drawn.length,
    flat: flat.map(e => e.outerHTML.slice(0, 120)),
  };
}"""


def _may_open(rule: tuple[str, ...] | None, role: str) -> bool:
    if rule is None or rule == ("lrs",):
        return False
    if rule == ("public",):
        return True
    if role == "anonymous":
        return False
    roles = {"both": ("mentor", "learner")}.get(role, (role,))
    return rule == ("authenticated",) or any(r in rule for r in roles)


def _arguments(app: Flask, population: Population) -> dict[str, Any]:
    """Values for every URL argument of a page, from the populated team."""
    with get_db(app).transaction() as session:
        mentee = population.users["learner"]
        evidence = evidence_for(session, learner_key(mentee))
        response_id = session.scalar(select(Response.id).where(Response.awaiting_review.is_(True)).limit(1))
        relation_id = session.scalar(select(Relationship.id).limit(1))
        followup_id = session.scalar(select(FollowUp.id).limit(1))
    return {
        **population.ids,
        "statement_id": evidence[0].statement_id,
        "competency_id": evidence[0].competency_id,
        "version": 1,
        "number": 1,
        "response_id": response_id,
        "relation_id": relation_id,
        "followup_id": followup_id,
        "token": "an-expired-link",
    }


def pages_for(app: Flask, role: str, arguments: dict[str, Any]) -> list[str]:
    """Return the path of every page this role may open, arguments filled in."""
    paths = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_PAGES or "GET" not in (rule.methods or ()):
            continue
        if not _may_open(access_rule(app.view_functions[rule.endpoint]), role):
            continue
        missing = [name for name in rule.arguments if arguments.get(name) is None]
        assert not missing, f"no fixture value for {missing} of {rule.endpoint}: add it to _arguments"
        paths.append(re.sub(r"<(?:[^:>]+:)?(\w+)>", lambda m: str(arguments[m.group(1)]), rule.rule))
    return sorted(set(paths))


def _sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, f"{email} could not sign in"


def axe_violations(page: Any) -> list[str]:
    """Run axe-core in the page (evaluated, not injected: the page's CSP stays on) and return the serious
    and critical violations."""
    page.evaluate(AXE.read_text() + "\n;void 0")
    checked, found = page.evaluate(
        "async () => { const r = await axe.run(document); return [r.passes.length, r.violations]; }"
    )
    assert checked > 10, "axe-core did not check the page"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def _collect(message: Any, errors: list[tuple[str, str]]) -> None:
    if message.type == "error":
        errors.append((message.text, message.location.get("url", "")))


def check_page(page: Any, url: str, viewport: dict[str, int], errors: list[tuple[str, str]]) -> list[str]:
    """Open one page and return what is wrong with it."""
    errors.clear()
    response = page.goto(url)
    page.wait_for_load_state("load")
    problems = []
    status = response.status if response else 0
    if status >= 500 or status == 0:
        problems.append(f"status {status}")
    measured = page.evaluate(MEASURE, DRAWN)
    if measured["width"] > viewport["width"]:
        problems.append(f"{measured['width']} px wide")
    problems.extend(f"drawn with no size: {html}" for html in measured["flat"])
    # A page answered with 4xx on purpose (an expired link) logs its own status; anything else counts.
    problems.extend(f"console: {text}" for text, source in errors if source != page.url or status < 400)
    problems.extend(f"axe: {violation}" for violation in axe_violations(page))
    return problems


def test_every_page_of_every_role_fits_draws_and_passes_axe(app: Flask, live_server: Any) -> None:
    population = populate(app)
    arguments = _arguments(app, population)
    base = live_server.url("").rstrip("/")
    problems: dict[str, list[str]] = {}
    visited = 0
    with chromium() as browser:
        for viewport in VIEWPORTS:
            for role in ROLES:
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                errors: list[tuple[str, str]] = []
                page.on(
                    "console",
                    lambda m, e=errors: (
                        e.append((m.text, m.location.get("url", ""))) if m.type == "error" else None
                    ),
                )
                page.on("pageerror", lambda exc, e=errors: e.append((str(exc), "")))
                if role != "anonymous":
                    _sign_in(page, base, population.email[role])
                for path in pages_for(app, role, arguments):
                    found = check_page(page, base + path, viewport, errors)
                    visited += 1
                    if found:
                        problems[f"{role} {path} @{viewport['width']}"] = found
                context.close()
    assert visited > 50, f"only {visited} pages visited"
    if problems:
        pytest.fail("\n".join(f"{page}: {found}" for page, found in sorted(problems.items())), pytrace=False)
