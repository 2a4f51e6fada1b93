"""Every route of the URL map, every method, every role: hostile input never gets a 500.

For each role (and anonymous) the test signs in, seeds a small world (the sample content, a mentoring
pair, an attempt, an LRS client) and then, in each Hypothesis example, sends every (rule, method) of
``app.url_map`` one request built from hostile values: numbers past 64 bits and negative ones, NUL and lone
surrogates, long and odd Unicode, deep JSON, wrong types, missing and repeated fields, real field names
taken from the app's forms and templates, and a valid CSRF token (sometimes a wrong one or none), so that
each form's own validation runs. No answer may be a 5xx or carry a traceback, and a request answered 4xx
must leave the stored data exactly as it was.

Deterministic (``derandomize``) and bounded (``EXAMPLES`` per role) so that it runs in CI on SQLite and
PostgreSQL in about a minute per role.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import json
import pkgutil
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, text
from wtforms.fields.core import UnboundField

import app as app_package
import courses
from app.accounts.models import User
from app.database import get_db
from app.mentoring.relationships import enrol_mentee, enrol_mentor, match
from learning_record_store.credentials import create_client
from tests.conftest import TEST_PASSWORD, csrf_token_from

ROLES = ("anonymous", "learner", "mentor", "lead", "admin")
EXAMPLES = 6
CONTENT = Path(__file__).resolve().parents[2] / "content"
TEMPLATES = Path(app_package.__file__).parent / "templates"
# Tables a refused request may still write: sign-in failure counters and their audit entries, the
# forwarding outbox's leases, the build cache.
MAY_CHANGE = {
    "account_login_failure",
    "account_audit_event",
    "lrs_outbox_lease",
    "course_build_cache",
    "alembic_version",
}
# Ending the session would sign the role out for the rest of the run; erasing or resetting the signed-in
# account likewise. These stay covered by their own tests (and by the anonymous run).
SKIP_WHEN_SIGNED_IN = {"auth.logout"}
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/|sqlalchemy\.exc|psycopg\.")

HOSTILE_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfff",
    "99999999999999999999",
    str(2**63),
    "-1",
    "-99999999999999999999",
    "0",
    "1e400",
    "NaN",
    "Infinity",
    "1.5",
    "٣",
    "²",
    "true",
    "null",
    "[]",
    "{}",
    "2026-02-30",
    "9999-12-31T23:59:59",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "'; DROP TABLE account_user; --",
    "%00",
    "\u202eevil\u202c",
    "\ufeffbom",
    "e\u0301\u0301\u0301",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧨",
    "\r\nX-Injected: 1",
    "x" * 10_001,
    "é" * 3000,
]
HOSTILE_NUMBERS = [-(2**70), -(2**63), -1, 0, 1, 2, 3, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 10**20]


def _form_field_names() -> list[str]:
    """Field names the app reads: every FlaskForm field and every ``name=`` of a template."""
    names = {"action", "answer", "value", "q.q1", "q.q1.0", "page", "csrf_token"}
    for module in pkgutil.walk_packages(app_package.__path__, "app."):
        if not module.name.endswith(".forms"):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and issubclass(value, FlaskForm):
                names |= {name for name, field in vars(value).items() if isinstance(field, UnboundField)}
    for template in TEMPLATES.rglob("*.html"):
        names |= set(re.findall(r'name="([A-Za-z_][\w.-]*)"', template.read_text()))
    return sorted(names)


FIELD_NAMES = _form_field_names()

texts = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from(HOSTILE_NUMBERS).map(str),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=10),
)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from(HOSTILE_NUMBERS),
    st.floats(allow_nan=False, allow_infinity=False),
    texts,
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | texts, children, max_size=4)
    ),
    max_leaves=12,
)
# Raw bodies Python's json.dumps would never write: non-finite numbers, lone surrogate escapes, deep nesting.
RAW_JSON = [
    "[" * 50_000 + "]" * 50_000,
    '{"a":' * 5_000 + "1" + "}" * 5_000,
    '{"score": 1e400}',
    '{"value": NaN}',
    '["\\ud800"]',
    '{"text": "a\\u0000b"}',
    "{oops",
    '"just a string"',
    "1" * 5000,
]
fields = st.lists(st.tuples(st.sampled_from(FIELD_NAMES) | texts, texts), max_size=6)


def _seed(app: Flask, role: str, create_user: Callable[..., Any]) -> dict[str, Any]:
    """Publish the content, make a mentoring pair around the role, and an LRS client; return ids."""
    with get_db(app).transaction() as session:
        assert courses.build_content(session, CONTENT).ok
        key, secret = _lrs_client(session)
    me = create_user(role, team="Blue") if role != "anonymous" else None
    mentor = me if role == "mentor" else create_user("mentor", team="Blue")
    mentee = me if role == "learner" else create_user("learner", team="Blue")
    with get_db(app).transaction() as session:
        m, e = session.get(User, mentor.id), session.get(User, mentee.id)
        enrol_mentor(session, m, capacity=10, strengths=["objection-handling"])
        enrol_mentee(session, e)
        match(session, m, e)
        modules = list(session.scalars(text("SELECT DISTINCT module_id FROM course_module_version")))
        quizzes = list(session.scalars(text("SELECT DISTINCT quiz_id FROM course_quiz_version")))
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    return {
        "me": me,
        "ids": sorted({mentor.id, mentee.id, 1, 2}),
        "names": modules[:2] + quizzes[:2] + ["objection-handling", "q1"],
        "lrs": {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
    }


def _lrs_client(session: Any) -> tuple[str, str]:
    issued = create_client(session, name="Fuzzer", scopes="all")
    return issued.client.key, issued.secret


def _snapshot(app: Flask) -> dict[str, str]:
    """A digest of every table's rows (except MAY_CHANGE), read on a connection of its own."""
    get_db(app).session.remove()  # pytest-flask keeps the app context; end the request's transaction
    engine = get_db(app).engine
    with engine.connect() as connection:
        tables = sorted(set(inspect(connection).get_table_names()) - MAY_CHANGE)
        if engine.dialect.name == "postgresql":
            # One round trip for all tables: each row as text, sorted, hashed by the server.
            query = " UNION ALL ".join(
                f"SELECT '{t}', md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) FROM \"{t}\" r"
                for t in tables
            )
            return dict(connection.execute(text(query)).all())  # type: ignore[arg-type]
        digests = {}
        for table in tables:
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
            digests[table] = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
    return digests


def _routes(app: Flask, signed_in: bool) -> list[tuple[Any, str]]:
    routes = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if rule.endpoint == "static" or (signed_in and rule.endpoint in SKIP_WHEN_SIGNED_IN):
            continue
        for method in sorted((rule.methods or set()) - {"HEAD"}):
            routes.append((rule, method))
    return routes


def _path(data: st.DataObject, rule: Any, seeded: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        converter = match.group(1) or "default"
        if converter in ("id", "int"):
            number = data.draw(st.sampled_from(HOSTILE_NUMBERS) | st.sampled_from(seeded["ids"]))
            return str(number)
        drawn = data.draw(st.sampled_from(seeded["names"]) | texts)
        return quote(drawn.encode("utf-8", "surrogatepass"), safe="" if converter != "path" else "/")

    return re.sub(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", value, rule.rule)


def _quoted(value: str) -> str:
    # Percent-encoded UTF-8, lone surrogates included (as a client that does not check would send them).
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def _request(data: st.DataObject, method: str, seeded: dict[str, Any], path: str) -> dict[str, Any]:
    query = data.draw(fields)
    headers = dict(seeded["lrs"]) if path.startswith("/xapi") else {}
    token = data.draw(st.sampled_from([seeded["csrf"]] * 3 + ["", "forged"]))
    if token:
        headers["X-CSRFToken"] = token
    options: dict[str, Any] = {
        "method": method,
        "query_string": "&".join(f"{_quoted(k)}={_quoted(v)}" for k, v in query),
    }
    if method in ("GET", "OPTIONS", "DELETE"):
        return {**options, "headers": headers}
    body = data.draw(st.sampled_from(["form", "form", "json", "raw-json", "none"]))
    if body == "form":
        form = data.draw(fields) + ([("csrf_token", token)] if token else [])
        options["data"] = "&".join(f"{_quoted(k)}={_quoted(v)}" for k, v in form)
        options["content_type"] = "application/x-www-form-urlencoded"
    elif body == "json":
        value = data.draw(json_values)
        options["data"] = json.dumps(value).encode("utf-8", "surrogatepass")
        options["content_type"] = "application/json"
    elif body == "raw-json":
        options["data"] = data.draw(st.sampled_from(RAW_JSON))
        options["content_type"] = "application/json"
    return {**options, "headers": headers}


def _sign_in(client: FlaskClient, user: Any) -> None:
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": csrf_token_from(page.text)},
    )
    assert response.status_code == 302


@pytest.fixture
def world(app: Flask, client: FlaskClient, create_user: Callable[..., Any], request: Any) -> Iterator[Any]:
    role = request.param
    seeded = _seed(app, role, create_user)
    if seeded["me"] is not None:
        _sign_in(client, seeded["me"])
    page = client.get("/" if seeded["me"] is not None else "/login", follow_redirects=True)
    seeded["csrf"] = csrf_token_from(page.text)
    seeded["role"] = role
    yield seeded


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: the failure message names the request already.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("world", ROLES, indirect=True)
def test_no_route_answers_5xx_or_changes_data_when_it_refuses(
    app: Flask, client: FlaskClient, world: dict[str, Any]
) -> None:
    routes = _routes(app, signed_in=world["me"] is not None)
    assert len(routes) > 80
    state = {"before": _snapshot(app)}
    for rule, method in routes:
        _fuzz_route(app, client, world, state, rule, method)


def _fuzz_route(
    app: Flask, client: FlaskClient, world: dict[str, Any], state: dict[str, Any], rule: Any, method: str
) -> None:
    """Send ``EXAMPLES`` hostile requests to one (rule, method) and check each answer."""

    @FUZZ_SETTINGS
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        path = _path(data, rule, world)
        response = client.open(path, **_request(data, method, world, path))
        body = response.get_data(as_text=True)
        where = f"{world['role']}: {method} {path[:200]} ({response.status_code})"
        assert response.status_code < 500, f"{where}\n{body[:3000]}"
        assert not TRACEBACK.search(body), f"{where}\n{body[:3000]}"
        after = _snapshot(app)
        if 400 <= response.status_code < 500:
            changed = sorted(t for t in after if after[t] != state["before"].get(t))
            assert changed == [], f"{where} was refused but changed {changed}"
        state["before"] = after

    fuzz()
