"""Every route × every role: who gets in, who is sent to sign in, who is refused.

``EXPECTED_RULES`` must list every endpoint of the app with its access rule. A new route fails this test
until it carries a rule (``app.access``) and is added here, so nobody adds a page without deciding who may
see it. Object-level checks (a mentor and someone else's mentee, private notes) have their own tests.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.access import access_rule
from app.database import get_db
from tests.conftest import TEST_PASSWORD

ROLES = ("anonymous", "learner", "mentor", "lead", "author", "admin")

EXPECTED_RULES: dict[str, tuple[str, ...]] = {
    "admin.clients": ("admin",),
    "admin.create": ("admin",),
    "admin.export_download": ("admin",),
    "admin.export_form": ("admin",),
    "admin.revoke": ("admin",),
    "auth.login": ("public",),
    "auth.forgot_password": ("public",),
    "auth.reset_password": ("public",),
    "exports.download": ("admin",),
    "exports.index": ("admin",),
    "insight.assign": ("lead",),
    "insight.competency": ("lead",),
    "insight.competency_csv": ("lead",),
    "insight.module": ("lead",),
    "insight.people": ("lead",),
    "insight.person": ("lead",),
    "insight.person_csv": ("lead",),
    "insight.team_table_csv": ("lead",),
    "insight.quiz": ("admin", "author"),
    "insight.quiz_csv": ("admin", "author"),
    "insight.quizzes": ("admin", "author"),
    "insight.scores_csv": ("admin", "author"),
    "auth.logout": ("authenticated",),
    "learner.answer_all": ("learner",),
    "learner.answer_check": ("learner",),
    "learner.answer_drill": ("learner",),
    "learner.attempt": ("learner",),
    "learner.drill": ("learner",),
    "learner.drill_feedback": ("learner",),
    "learner.leave_attempt": ("learner",),
    "learner.leave_module": ("learner",),
    "learner.media": ("learner",),
    "learner.my_learning": ("learner",),
    "learner.open_module": ("learner",),
    "learner.page": ("learner",),
    "learner.quiz": ("learner",),
    "learner.result": ("learner",),
    "learner.save_answer": ("learner",),
    "learner.standing": ("learner",),
    "learner.start": ("learner",),
    "learner.start_drill": ("learner",),
    "main.drill": ("public",),
    "main.healthz": ("public",),
    "main.home": ("public",),
    "mentoring.add_goal": ("mentor",),
    "mentoring.add_note": ("mentor",),
    "mentoring.add_shared_note": ("authenticated",),
    "mentoring.assign": ("mentor",),
    "mentoring.checkin_ics": ("mentor",),
    "mentoring.confirm": ("mentor",),
    "mentoring.desk": ("mentor",),
    "mentoring.end": ("admin", "lead"),
    "mentoring.enrol_mentee": ("admin", "lead"),
    "mentoring.enrol_mentor": ("admin", "lead"),
    "mentoring.evidence": ("mentor",),
    "mentoring.grade": ("mentor",),
    "mentoring.grading_queue": ("mentor",),
    "mentoring.inbox": ("authenticated",),
    "mentoring.mark_done": ("authenticated",),
    "mentoring.mark_read": ("authenticated",),
    "mentoring.mastery_json": ("mentor",),
    "mentoring.mentee": ("mentor",),
    "mentoring.my_plan": ("authenticated",),
    "mentoring.pair": ("admin", "lead"),
    "mentoring.propose": ("mentor",),
    "mentoring.relationships_admin": ("admin", "lead"),
    "mentoring.remove": ("mentor",),
    "mentoring.schedule": ("mentor",),
    "mentoring.send_back": ("mentor",),
    "mentoring.statement": ("mentor",),
    "mentoring.team": ("lead",),
    "mentoring.team_csv": ("lead",),
    "overview.index": ("admin",),
    "people.audit_log": ("admin",),
    "people.create": ("admin",),
    "people.edit": ("admin",),
    "people.erase": ("admin",),
    "people.index": ("admin",),
    "people.reset_password": ("admin",),
    "people.unlock": ("admin",),
    "xapi.about": ("lrs",),
    "xapi.activities": ("lrs",),
    "xapi.activities_profile": ("lrs",),
    "xapi.activities_state": ("lrs",),
    "xapi.agents": ("lrs",),
    "xapi.agents_profile": ("lrs",),
    "xapi.statements": ("lrs",),
}
# Static file views (Flask's and Bootstrap-Flask's) cannot carry a rule; they serve public assets only.
EXEMPT = {"static", "bootstrap.static"}
# The xAPI About resource is open to anyone by the specification (clients read the version before signing in).
OUTCOME_OVERRIDES: dict[str, dict[str, str]] = {"xapi.about": dict.fromkeys(ROLES, "allowed")}
# Run last: it ends the session of the role under test.
LAST = ("auth.logout",)


def expected_outcome(rule: tuple[str, ...], role: str) -> str:
    if rule == ("public",):
        return "allowed"
    if rule == ("lrs",):
        return "unauthorized"  # the record store takes HTTP Basic credentials, never the browser session
    if role == "anonymous":
        return "login"
    if rule == ("authenticated",) or role in rule:
        return "allowed"
    return "forbidden"


def outcome_of(response: Any) -> str:
    location = response.headers.get("Location", "")
    if response.status_code in (301, 302, 303) and "/login" in location and "next=" in location:
        return "login"
    if response.status_code == 401:
        return "unauthorized"
    if response.status_code == 403:
        return "forbidden"
    assert response.status_code < 500, response.get_data(as_text=True)[:2000]
    return "allowed"


def _endpoints(app: Flask) -> dict[str, tuple[str, str]]:
    """Return endpoint -> (method, URL with placeholder arguments)."""
    found: dict[str, tuple[str, str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in found:
            continue
        methods = rule.methods or set()
        method = "GET" if "GET" in methods else sorted(methods - {"HEAD", "OPTIONS"})[0]
        url = re.sub(
            r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>",
            lambda m: "999999" if m.group(1) in ("int", "id") else "placeholder",
            rule.rule,
        )
        found[rule.endpoint] = (method, url)
    return found


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    # CSRF would refuse every POST before its access rule is reached; this test is about the rules.
    return {**app_config, "WTF_CSRF_ENABLED": False}


def test_every_view_has_a_rule_and_every_endpoint_is_in_the_table(app: Flask) -> None:
    endpoints = set(_endpoints(app)) - EXEMPT
    without_rule = sorted(e for e in endpoints if access_rule(app.view_functions[e]) is None)
    assert without_rule == [], f"views without an access rule (app.access): {without_rule}"
    missing = sorted(endpoints - set(EXPECTED_RULES))
    assert missing == [], f"add these endpoints to EXPECTED_RULES: {missing}"
    stale = sorted(set(EXPECTED_RULES) - endpoints)
    assert stale == [], f"these endpoints no longer exist: {stale}"
    changed = {
        e: access_rule(app.view_functions[e])
        for e in endpoints
        if access_rule(app.view_functions[e]) != EXPECTED_RULES[e]
    }
    assert changed == {}, f"access rules differ from the table: {changed}"


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_its_rule_says(
    app: Flask, client: FlaskClient, create_user: Any, role: str
) -> None:
    if role != "anonymous":
        user = create_user(role)
        signed_in = client.post("/login", data={"email": user.email, "password": TEST_PASSWORD})
        assert signed_in.status_code == 302
    endpoints = _endpoints(app)
    order = sorted(set(endpoints) - EXEMPT, key=lambda e: (e in LAST, e))
    wrong = {}
    for endpoint in order:
        method, url = endpoints[endpoint]
        expected = OUTCOME_OVERRIDES.get(endpoint, {}).get(role) or expected_outcome(
            EXPECTED_RULES[endpoint], role
        )
        response = client.open(url, method=method, headers={"X-Experience-API-Version": "1.0.3"})
        actual = outcome_of(response)
        # pytest-flask keeps one app context for the whole test; end each request's session as a real
        # request's teardown would, so a view that did not commit does not hold the SQLite lock.
        get_db(app).session.remove()
        if actual != expected:
            wrong[f"{method} {url}"] = f"expected {expected}, got {actual} ({response.status_code})"
    assert wrong == {}
