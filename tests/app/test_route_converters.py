"""A number in a URL is a row id: one past the 64-bit range, or negative, is "not found", never a 500."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing.converters import NumberConverter

from app.routing import MAX_ID, IdConverter, at_most, parse_number

PLACEHOLDER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
ROLES = ("learner", "mentor", "lead", "admin")


def _numbered_rules(app: Flask) -> list[Any]:
    return [
        rule
        for rule in app.url_map.iter_rules()
        if any(isinstance(c, NumberConverter) for c in rule._converters.values())  # noqa: SLF001
    ]


def _url(rule: Any, number: str) -> str:
    return PLACEHOLDER.sub(lambda m: number if m.group(1) in ("int", "id") else "x", rule.rule)


def test_every_numbered_route_uses_the_bounded_converter(app: Flask) -> None:
    rules = _numbered_rules(app)
    assert len(rules) >= 25
    plain = [
        rule.rule
        for rule in rules
        for converter in rule._converters.values()  # noqa: SLF001
        if isinstance(converter, NumberConverter) and not isinstance(converter, IdConverter)
    ]
    assert plain == []


@pytest.mark.parametrize(
    "number", ["99999999999999999999", str(2**63), str(MAX_ID + 1), "0" + str(MAX_ID), "-1", "٣"]
)
def test_an_id_out_of_range_is_not_found_on_every_route(
    app: Flask, client: FlaskClient, auth: Any, number: str
) -> None:
    auth.login_as(*ROLES)
    answers = {}
    for rule in _numbered_rules(app):
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            response = client.open(_url(rule, number), method=method)
            answers[f"{method} {rule.rule}"] = response.status_code
    assert answers and {k: v for k, v in answers.items() if v != 404} == {}


def test_the_largest_id_is_an_ordinary_missing_row(client: FlaskClient, auth: Any) -> None:
    auth.login_as("admin")

    assert client.get(f"/admin/users/{MAX_ID}").status_code == 404


@pytest.mark.parametrize("limit", [0, 7, 10, 205, 1999, MAX_ID, 2**63 - 1])
def test_the_id_pattern_matches_exactly_zero_to_the_limit(limit: int) -> None:
    pattern = re.compile(f"(?:{at_most(limit)})")
    numbers = [*range(0, 2100), limit - 1, limit, limit + 1, limit * 10, 10 ** len(str(limit))]

    wrong = [n for n in numbers if n >= 0 and bool(pattern.fullmatch(str(n))) != (n <= limit)]

    assert wrong == []


@pytest.mark.parametrize(
    ("text", "number"),
    [("0", 0), ("42", 42), (str(MAX_ID), MAX_ID), (str(MAX_ID + 1), None), ("²", None), ("٣", None)]
    + [("-1", None), ("", None), (None, None), ("1e3", None), (" 1", None)],
)
def test_form_numbers_are_ascii_digits_within_the_id_range(text: str | None, number: int | None) -> None:
    assert parse_number(text) == number
