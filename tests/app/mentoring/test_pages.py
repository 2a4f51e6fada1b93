"""The mentor's and lead's pages say things for people: titles, right or wrong, real time axes, learners."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask

from app.mentoring.charts import line_chart
from tests.app.populated import Population, populate
from tests.conftest import TEST_PASSWORD, csrf_token_from


def _x_extent(points: str) -> float:
    xs = [float(pair.split(",")[0]) for pair in points.split()]
    return max(xs) - min(xs)


def test_the_over_time_chart_has_width_when_all_evidence_shares_a_moment() -> None:
    moment = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    chart = line_chart([(moment, 0.2), (moment, 0.5), (moment, 0.8)], 0.75)
    assert _x_extent(chart.points) > 10
    assert chart.count == 3


def test_the_over_time_chart_has_a_time_axis_ending_today() -> None:
    now = datetime(2026, 3, 20, 12, tzinfo=UTC)
    chart = line_chart(
        [("2026-03-01T09:00:00+00:00", 0.4), ("2026-03-10T09:00:00+00:00", 0.9)], 0.75, now=now
    )
    assert [label for _x, label in chart.ticks][::3] == ["28 Feb", "20 Mar"]  # the first evidence to now
    xs = [x for x, _y in chart.dots]
    assert chart.left < xs[0] < xs[1] < float(chart.points.split()[-1].split(",")[0])


def _sign_in(client: Any, email: str) -> None:
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": email, "password": TEST_PASSWORD, "csrf_token": token})


def test_evidence_names_the_question_and_says_right_or_wrong(app: Flask, client: Any) -> None:
    population: Population = populate(app)
    _sign_in(client, population.email["mentor"])
    mentee = population.users["learner"]
    html = client.get(f"/mentoring/mentees/{mentee.id}/evidence/call-closing").get_data(as_text=True)
    assert "http://" not in html.split('id="main"')[1].split("<footer")[0]  # no IRIs on the page
    results = re.findall(r'<span class="badge rounded-pill text-bg-(\w+)">([^<]+)</span>', html)
    assert ("bad", "wrong") in results and ("good", "right") in results
    assert "failed" not in [word for _tone, word in results]
    assert "Closing the call, holds and transfers" in html  # the quiz, by title
    assert re.search(r'<th scope="row">[A-Z][^<]{10,}\?|<th scope="row">[A-Z][^<]{10,}\.', html)


def test_quiz_results_on_the_mentee_page_use_titles_and_local_times(app: Flask, client: Any) -> None:
    population = populate(app)
    _sign_in(client, population.email["mentor"])
    html = client.get(f"/mentoring/mentees/{population.users['learner'].id}").get_data(as_text=True)
    results = html.split('id="results"')[1]
    assert "Opening the call: check your understanding" in results
    assert "call-opening-quiz" not in results
    assert re.search(r'<time datetime="[^"]+" data-style="datetime">', results)


def test_the_mentee_page_opens_on_an_overview_with_next_check_in_and_notes(app: Flask, client: Any) -> None:
    population = populate(app)
    _sign_in(client, population.email["mentor"])
    html = client.get(f"/mentoring/mentees/{population.users['learner'].id}").get_data(as_text=True)
    overview = html.split('id="overview"')[1].split('id="competencies"')[0]
    assert "Next check-in" in overview and "Plan balance" in overview
    assert "Good energy on calls." in overview  # the latest notes
    assert overview.index("Next check-in") < html.split('id="overview"')[1].index('id="competencies"')


def test_balance_bars_are_drawn_with_a_width(app: Flask, client: Any) -> None:
    population = populate(app)
    _sign_in(client, population.email["learner"])
    html = client.get("/mentoring/my-plan").get_data(as_text=True)
    planned = [float(w) for w in re.findall(r'<rect class="bar-planned" x="0" y="0" width="([\d.]+)"', html)]
    assert len(planned) == 3 and max(planned) == 100.0
    assert "Next check-in with Morgan Mentor" in html


def test_the_team_page_lists_only_learners(app: Flask, client: Any) -> None:
    population = populate(app)
    _sign_in(client, population.email["lead"])
    html = client.get("/insight/team/people").get_data(as_text=True)
    rows = re.findall(r'<tr><th scope="row"><a href="/insight/team/people/\d+">([^<]+)</a></th>', html)
    assert sorted(rows) == ["Lina Learner", "Luca Learner", "Sam Senior"]  # not the lead nor the mentor
    assert "Morgan Mentor" not in html and "Lee Lead" not in html.split('id="main"')[1].split("<footer")[0]
