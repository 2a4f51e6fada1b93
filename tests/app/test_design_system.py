"""The design system: Bootstrap from our own origin, the strict CSP, forms, filters and error pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask, render_template_string

from app.templating import local_time, number, percent, plural, points
from tests.conftest import csrf_token_from


def test_pages_load_bootstrap_and_the_theme_from_our_own_origin(client: Any) -> None:
    page = client.get("/login").get_data(as_text=True)
    assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js|svg))"', page)
    assert any("/bootstrap/static/css/bootstrap.min.css" in a for a in assets)
    assert any(a.endswith("/static/theme.css") for a in assets)
    assert all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    css = client.get(next(a for a in assets if "bootstrap.min.css" in a))
    assert css.status_code == 200 and b"Bootstrap" in css.get_data()[:200]
    css.close()


def test_the_policy_allows_no_inline_style_or_script_and_no_page_uses_them(client: Any, auth: Any) -> None:
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    auth.login_as("mentor", "lead", "admin", "learner")
    for path in ("/", "/login", "/mentoring/", "/mentoring/team", "/admin/users/", "/nowhere"):
        html = client.get(path, follow_redirects=True).get_data(as_text=True)
        assert " style=" not in html, path
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path


def test_a_form_error_shows_under_its_own_field(client: Any, create_user: Any) -> None:
    create_user("learner", email="agent@example.test")
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    page = client.post("/login", data={"csrf_token": token, "email": "agent@example.test", "password": ""})
    html = page.get_data(as_text=True)
    password_block = html.split('for="password"')[1].split("</div>\n")[0:3]
    assert 'id="password-error"' in "".join(password_block)
    assert 'aria-describedby="password-error"' in html and 'aria-invalid="true"' in html
    email_block = html.split('for="email"')[1].split('for="password"')[0]
    assert "invalid-feedback" not in email_block
    assert 'class="error-summary"' in html and 'href="#password"' in html


@pytest.mark.parametrize(
    ("value", "expected"), [(11.0, "11"), (6.5, "6.5"), (2 / 3, "0.67"), (0, "0"), (None, "–")]
)
def test_numbers_are_written_without_trailing_zeros(value: float | None, expected: str) -> None:
    assert number(value) == expected


def test_scores_and_shares_read_like_sentences() -> None:
    assert points(6.5, 11.0) == "6.5 of 11 points"
    assert points(1.0) == "1 point"
    assert percent(0.625) == "63%" and percent(None) == "–"
    assert plural(1, "note") == "1 note" and plural(3, "piece", "pieces") == "3 pieces"


def test_local_time_marks_up_an_utc_moment_for_the_reader() -> None:
    html = str(local_time(datetime(2026, 3, 4, 9, 5)))
    assert html == (
        '<time datetime="2026-03-04T09:05:00+00:00" data-style="datetime">4 Mar 2026, 09:05 UTC</time>'
    )
    assert "4 Mar 2026<" in str(local_time(datetime(2026, 3, 4, 23, 0, tzinfo=UTC), "date"))


def test_macros_draw_progress_with_svg_attributes(app: Flask) -> None:
    with app.test_request_context():
        html = render_template_string(
            '{% from "macros/ui.html" import progress %}{{ progress(0.63, "Empathy") }}'
        )
    assert 'role="progressbar"' in html and 'aria-valuenow="63"' in html
    assert 'class="meter-fill" x="0" y="0" width="63.0"' in html and "63%" in html


def test_error_pages_use_the_layout_a_plain_sentence_and_a_way_back(client: Any, auth: Any) -> None:
    auth.login_as("learner")
    response = client.get("/learn/nothing-here", headers={"Referer": "http://localhost/learn/"})
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "We cannot find that page" in html and "Not Found" not in html
    assert 'href="/learn/">Go back</a>' in html and 'class="navbar' in html
    assert client.get("/learn/nothing-here", headers={"Accept": "application/json"}).is_json  # API clients


def test_an_error_without_a_referrer_leads_to_the_persons_start_page(client: Any, auth: Any) -> None:
    auth.login_as("mentor")
    html = client.get("/mentoring/mentees/999999").get_data(as_text=True)
    assert 'href="/mentoring/">Go to your start page</a>' in html
