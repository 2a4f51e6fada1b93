"""Every page of every role, from the route list, on a phone (390×844) and a desktop (1280×800).

The pages are those of the seeded demo (``elearn serve`` on an empty database: the demo team and its six
weeks of history), opened by each role of the demo with its own login. Each page must answer, fit its
viewport (the document never scrolls sideways), log no console error, pass axe-core without serious or
critical violations, and draw every chart and progress bar with a non-zero size. The pages come from
``app.url_map`` (GET routes the role may open), with URL arguments filled from the demo's data, so a new
page is checked without being listed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access import access_rule
from app.accounts.models import User
from app.database import get_db
from app.learner import catalog
from app.mentoring.models import Relationship
from app.mentoring.progress import learner_key
from assessments.mastery_store import evidence_for
from assessments.practice import DrillRow
from assessments.store import Attempt, Response
from tests.app.demo_site import DemoSite, demo_site
from tests.conftest import _fresh_database_url
from tests.learner.browser import chromium, require_browser, serious_violations

pytestmark = pytest.mark.browser

VIEWPORTS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 800}}
ROLES = ("anonymous", "learner", "mentor", "lead", "admin")
# Who signs in for each role (the others: the demo's only login with it). The learner is the demo's newest,
# with a quiz left halfway this morning, drills and failed attempts; the mentor mentors the demo's
# struggling learner, whose latest essay still waits for a grade.
DEMO_LOGIN = {"learner": "learner6@demo.elearn", "mentor": "mentor1@demo.elearn"}
MENTEE = "learner3@demo.elearn"
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
# Short public addresses of another page: opened by those who may open the page they lead to.
LEADS_TO = {"main.drill": "learner.drill"}
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


@pytest.fixture(scope="module")
def demo(database_template: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    """The seeded demo, made once for the module's tests (which only read it), served in a thread."""
    require_browser()
    folder = tmp_path_factory.mktemp("demo")
    with demo_site(_fresh_database_url(database_template, folder), folder / "instance") as site:
        yield site


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _may_open(rule: tuple[str, ...] | None, role: str) -> bool:
    if rule is None or rule == ("lrs",):
        return False
    if rule == ("public",):
        return True
    if role == "anonymous":
        return False
    return rule == ("authenticated",) or role in rule


def _user(session: Session, email: str) -> User:
    return session.scalars(select(User).where(User.email == email)).one()


def _page_with_a_check(session: Session) -> tuple[str, int, int]:
    """A module page holding knowledge checks (an ordering one when there is): module id, version, number."""
    pages = [
        (module.module.id, module.version, number, {c.id: c.type for c in module.module.checks})
        for module in catalog.list_modules(session)
        for number, page in enumerate(module.module.pages, 1)
        if page.check_ids
    ]
    assert pages, "no module page has a knowledge check"
    ordering = [p for p in pages if "ordering" in p[3].values()]
    module_id, version, number, _types = (ordering or pages)[0]
    return module_id, version, number


def _learner_arguments(session: Session) -> dict[str, Any]:
    learner = _user(session, DEMO_LOGIN["learner"])
    attempt = session.scalars(
        select(Attempt).where(Attempt.learner_id == learner.uid, Attempt.submitted_at.is_(None))
    ).one()  # the quiz left halfway: the attempt page shows its questions
    drill_id = session.scalar(
        select(DrillRow.id).where(DrillRow.learner_id == learner.uid, DrillRow.finished_at.is_not(None))
    )
    module_id, version, number = _page_with_a_check(session)
    return {
        "attempt_id": attempt.id,
        "quiz_id": attempt.quiz_id,
        "module_id": module_id,
        "version": version,
        "number": number,
        "drill_id": drill_id,
        "learner.drill_feedback": {"number": 1},
    }


def _mentor_arguments(session: Session) -> dict[str, Any]:
    mentor = _user(session, DEMO_LOGIN["mentor"])
    mentee = _user(session, MENTEE)
    assert session.scalar(
        select(Relationship.id).where(
            Relationship.mentor_id == mentor.id, Relationship.mentee_id == mentee.id
        )
    ), f"{MENTEE} is not {mentor.email}'s mentee"
    evidence = evidence_for(session, learner_key(mentee))[-1]
    waiting = session.scalar(
        select(Response.id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Response.awaiting_review.is_(True), Attempt.learner_id == mentee.uid)
        .limit(1)
    )
    return {
        "mentee_id": mentee.id,
        "competency_id": evidence.competency_id,
        "statement_id": evidence.statement_id,
        "response_id": waiting,
    }


def _lead_arguments(session: Session) -> dict[str, Any]:
    person = _user(session, MENTEE)
    evidence = evidence_for(session, learner_key(person))[-1]
    module_id, _version, _number = _page_with_a_check(session)
    return {"user_id": person.id, "competency_id": evidence.competency_id, "module_id": module_id}


def _admin_arguments(session: Session) -> dict[str, Any]:
    quiz = session.scalars(select(Attempt).order_by(Attempt.id).limit(1)).one()
    return {
        "user_id": _user(session, DEMO_LOGIN["learner"]).id,
        "quiz_id": quiz.quiz_id,
        "version": quiz.quiz_version,
    }


PUBLIC_ARGUMENTS = {"token": "an-expired-link"}  # goes back to "Forgot your password?" with a note
ARGUMENTS = {
    "anonymous": lambda _session: {},
    "learner": _learner_arguments,
    "mentor": _mentor_arguments,
    "lead": _lead_arguments,
    "admin": _admin_arguments,
}


def pages_for(app: Flask, role: str) -> list[tuple[str, str]]:
    """Return (endpoint, path) of every page this role may open, its arguments filled from the demo."""
    with get_db(app).transaction() as session:
        arguments = PUBLIC_ARGUMENTS | ARGUMENTS[role](session)
    pages = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_PAGES or "GET" not in (rule.methods or ()):
            continue
        target = LEADS_TO.get(rule.endpoint, rule.endpoint)
        if not _may_open(access_rule(app.view_functions[target]), role):
            continue
        values = {**arguments, **arguments.get(rule.endpoint, {})}
        missing = [name for name in rule.arguments if values.get(name) is None]
        assert not missing, f"the demo has no value for {missing} of {rule.endpoint}: add it to {role}'s"
        path = re.sub(r"<(?:[^:>]+:)?(\w+)>", lambda m, v=values: str(v[m.group(1)]), rule.rule)
        pages.append((rule.endpoint, path))
    return sorted(set(pages), key=lambda page: page[1])


def _sign_in(page: Any, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, f"{email} could not sign in"


def check_page(page: Any, url: str, viewport: dict[str, int], errors: list[str]) -> tuple[list[str], int]:
    """Open one page; return what is wrong with it and how many charts and bars it draws."""
    errors.clear()
    response = page.goto(url)
    page.wait_for_load_state("load")
    problems = []
    status = response.status if response else 0
    if not 200 <= status < 400:
        problems.append(f"status {status}")
    measured = page.evaluate(MEASURE, DRAWN)
    if measured["width"] > viewport["width"]:
        problems.append(f"{measured['width']} px wide")
    problems.extend(f"drawn with no size: {html}" for html in measured["flat"])
    problems.extend(f"console: {text}" for text in errors)
    problems.extend(f"axe: {violation}" for violation in serious_violations(page))
    return problems, measured["drawn"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("width", VIEWPORTS)
def test_every_page_of_the_role_fits_draws_and_passes_axe(
    demo: DemoSite, browser: Any, width: str, role: str
) -> None:
    viewport = VIEWPORTS[width]
    pages = pages_for(demo.app, role)
    # Reduced motion: Bootstrap then skips its colour transitions, so axe never reads a button mid-fade.
    context = browser.new_context(viewport=viewport, reduced_motion="reduce")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    if role != "anonymous":
        login = next(x for x in demo.logins if x.email == DEMO_LOGIN.get(role, x.email) and role in x.roles)
        _sign_in(page, demo.base, login.email, login.password)
    problems, drawn = {}, 0
    try:
        for _endpoint, path in pages:
            found, charts = check_page(page, demo.base + path, viewport, errors)
            drawn += charts
            if found:
                problems[path] = found
    finally:
        context.close()
    assert len(pages) >= {"anonymous": 4, "learner": 10, "mentor": 8, "lead": 6, "admin": 8}[role]
    assert drawn > 0 or role == "anonymous", "the demo's history drew no chart or bar on these pages"
    if problems:
        pytest.fail("\n".join(f"{path}: {found}" for path, found in sorted(problems.items())), pytrace=False)


def test_the_roles_open_every_page_there_is(demo: DemoSite) -> None:
    """Together the roles reach every page of the route list: none is left out for want of a role."""
    reached = {endpoint for role in ROLES for endpoint, _path in pages_for(demo.app, role)}
    listed = {
        rule.endpoint
        for rule in demo.app.url_map.iter_rules()
        if "GET" in (rule.methods or ())
        and rule.endpoint not in NOT_PAGES
        and access_rule(demo.app.view_functions[rule.endpoint]) != ("lrs",)
    }
    assert listed - reached == set()
