"""Figures for people: number filters, partial credit shown as partial, one mastery figure everywhere."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from app.numbers import number, percent, points
from tests.conftest import csrf_token_from
from tests.learner.test_flow import correct_answers, save, start_quiz


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (50.0, "50"),
        (6.5, "6.5"),
        (11.0, "11"),
        (0.125, "0.13"),
        (2 / 3, "0.67"),
        (1250.0, "1,250"),
        (-0.0, "0"),
    ],
)
def test_number_drops_trailing_zeros(value: float, text: str) -> None:
    assert number(value) == text


def test_number_of_nothing_is_a_dash() -> None:
    assert number(None) == percent(None) == "–"


@pytest.mark.parametrize(
    ("raw", "maximum", "text"),
    [
        (6.5, 11.0, "6.5 of 11 points"),
        (0.0, 1.0, "0 of 1 point"),
        (0.5, 1.0, "0.5 of 1 point"),
        (2.0, None, "2 points"),
        (1.0, None, "1 point"),
    ],
)
def test_points(raw: float, maximum: float | None, text: str) -> None:
    assert points(raw, maximum) == text


@pytest.mark.parametrize(
    ("ratio", "text"), [(0.63, "63%"), (0.625, "63%"), (0.6, "60%"), (1.0, "100%"), (0, "0%")]
)
def test_percent_rounds_halves_up(ratio: float, text: str) -> None:
    assert percent(ratio) == text


def test_the_filters_are_available_to_every_template(app: Flask) -> None:
    with app.app_context():
        template = app.jinja_env.from_string(
            "{{ 6.5|points(11.0) }} · {{ 50.0|number }} · {{ 0.625|percent }}"
        )
        assert template.render() == "6.5 of 11 points · 50 · 63%"


def submit(client: Any, page: str, attempt_id: int) -> str:
    client.post(
        f"/learn/attempts/{attempt_id}", data={"csrf_token": csrf_token_from(page), "action": "submit"}
    )
    return client.get(f"/learn/attempts/{attempt_id}/result").get_data(as_text=True)


def review_item(result: str, stem_start: str) -> str:
    item = next(li for li in result.split("<li") if stem_start in li)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item))


def test_results_write_points_for_people_and_show_partial_credit(app: Flask, learner_client: Any) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    answers = correct_answers(app, attempt_id)
    matching = dict(list(answers["failed-idv-matching"].items())[:2])  # two of the four pairs
    assert save(learner_client, page, attempt_id, "failed-idv-matching", matching).get_json()["saved"]
    assert save(learner_client, page, attempt_id, "opening-seconds", answers["opening-seconds"]).get_json()[
        "saved"
    ]
    result = submit(learner_client, page, attempt_id)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", result))
    assert "You scored 1.5 of 12 points" in text, text[:600]
    assert not re.search(r"\d\.0\b", text)  # no "11.0", no "Your answer: 50.0"
    partly = review_item(result, "Match each request")
    assert "Partly correct" in partly and "0.5 of 1 point" in partly and "Not correct" not in partly
    numeric = review_item(result, "how many seconds")
    assert re.search(r"Your answer: \d+ ", numeric) and "✓ Correct" in numeric


def competency_figure(page: str, name: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    found = re.search(rf"{re.escape(name)}:? (\d+%)", text)
    assert found, f"no figure for {name}"
    return found.group(1)


def test_every_page_shows_the_same_mastery_figure(app: Flask, learner_client: Any) -> None:
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    submit(learner_client, page, attempt_id)  # nothing answered: 0 for every question
    attempt_id, page = start_quiz(learner_client, "call-opening-quiz")
    for question_id, response in correct_answers(app, attempt_id).items():
        save(learner_client, page, attempt_id, question_id, response)
    submit(learner_client, page, attempt_id)
    results = learner_client.get("/learn/results").get_data(as_text=True)
    plan = learner_client.get("/mentoring/my-plan").get_data(as_text=True)
    for name in ("Opening the call", "Identity verification"):
        shown = competency_figure(results, name)
        assert shown not in ("0%", "100%")  # both attempts count, the failed one too
        assert competency_figure(plan, name) == shown
