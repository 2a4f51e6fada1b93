"""Item analysis against figures worked out by hand on a fixed set of six attempts at four questions.

Item scores (1 right, 0 wrong), attempts A1..A6:

    q1 (single; a right, b and c wrong)   1 1 1 1 0 0   A5 picked b, A6 picked c
    q2 (single; b right, a and c wrong)   1 1 1 0 0 0   A4 and A5 picked a, A6 picked c
    q3 (single; a right; b, c, d wrong)   0 0 1 1 1 0   A1, A2 picked b, A6 picked c, nobody picked d
    q4 (true-false; true right)           1 1 1 1 1 1
    total                                 3 3 4 3 2 1

q3 is right for the weaker attempts and wrong for the stronger ones (negative discrimination), d is a
distractor nobody picks, q4 is too easy.
"""

from __future__ import annotations

import math

import pytest

from assessments.item_analysis import ItemResponse, ItemSpec, analyse, correlation, cronbach_alpha, flags_for

SPECS = [
    ItemSpec("q1", "Greeting", ("a", "b", "c"), frozenset({"a"})),
    ItemSpec("q2", "Hold", ("a", "b", "c"), frozenset({"b"})),
    ItemSpec("q3", "Escalation", ("a", "b", "c", "d"), frozenset({"a"})),
    ItemSpec("q4", "Recording", ("true", "false"), frozenset({"true"})),
]
PICKS = {
    "q1": ["a", "a", "a", "a", "b", "c"],
    "q2": ["b", "b", "b", "a", "a", "c"],
    "q3": ["b", "b", "a", "a", "a", "c"],
    "q4": ["true"] * 6,
}
Q1_SECONDS = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0]


def responses() -> list[ItemResponse]:
    found = []
    for spec in SPECS:
        for n, pick in enumerate(PICKS[spec.id]):
            seconds = Q1_SECONDS[n] if spec.id == "q1" else None
            score = 1.0 if pick in spec.correct_choice_ids else 0.0
            found.append(ItemResponse(f"A{n + 1}", spec.id, score, (pick,), seconds))
    return found


@pytest.fixture(scope="module")
def stats():
    return analyse(SPECS, responses())


def item(stats, question_id):
    return next(i for i in stats.items if i.spec.id == question_id)


def test_facility_is_the_mean_item_score(stats):
    # q1: 4 right of 6 = 0.6667; q2: 3/6 = 0.5; q3: 3/6 = 0.5; q4: 6/6 = 1.0
    assert item(stats, "q1").facility == pytest.approx(0.666667, abs=1e-6)
    assert item(stats, "q2").facility == pytest.approx(0.5)
    assert item(stats, "q3").facility == pytest.approx(0.5)
    assert item(stats, "q4").facility == pytest.approx(1.0)


def test_discrimination_is_the_point_biserial_against_the_rest_of_the_quiz(stats):
    # q1: x = 1 1 1 1 0 0, rest (total − x) = 2 2 3 2 2 1. With population moments:
    #   mean x = 2/3, mean rest = 2, mean(x·rest) = (2+2+3+2)/6 = 3/2, cov = 3/2 − 4/3 = 1/6,
    #   var x = 2/9, var rest = (4+4+9+4+4+1)/6 − 4 = 1/3, r = (1/6) / √(2/27) = √6/4 = 0.612372
    assert item(stats, "q1").discrimination == pytest.approx(0.612372, abs=1e-6)
    # q2: x = 1 1 1 0 0 0, rest = 2 2 3 3 2 1: mean rest = 13/6, mean(x·rest) = 7/6,
    #   cov = 7/6 − 13/12 = 1/12, var x = 1/4, var rest = 31/6 − 169/36 = 17/36, r = 1/√17 = 0.242536
    assert item(stats, "q2").discrimination == pytest.approx(0.242536, abs=1e-6)
    # q3: x = 0 0 1 1 1 0, rest = 3 3 3 2 1 1: mean rest = 13/6, mean(x·rest) = 1, cov = 1 − 13/12 = −1/12,
    #   var x = 1/4, var rest = 33/6 − 169/36 = 29/36, r = −1/√29 = −0.185695
    assert item(stats, "q3").discrimination == pytest.approx(-0.185695, abs=1e-6)
    # q4: everybody right, no spread: undefined
    assert item(stats, "q4").discrimination is None


def test_choice_frequencies_count_the_attempts_picking_each_choice(stats):
    assert item(stats, "q2").choice_counts == (("a", 2), ("b", 3), ("c", 1))
    assert item(stats, "q3").choice_counts == (("a", 3), ("b", 2), ("c", 1), ("d", 0))
    assert item(stats, "q3").choice_share("b") == pytest.approx(2 / 6)


def test_median_time_is_the_middle_of_the_answer_times(stats):
    # 10 20 30 40 50 60 seconds: the median is (30 + 40) / 2 = 35
    assert item(stats, "q1").median_seconds == 35.0
    assert item(stats, "q2").median_seconds is None


def test_flags_name_easy_questions_negative_discrimination_and_unused_distractors(stats):
    assert item(stats, "q1").flags == ()
    assert item(stats, "q3").flags == ("negative discrimination", "distractor d never picked")
    # nobody answered "false" either: the one distractor of a true-false question
    assert item(stats, "q4").flags == ("too easy", "distractor false never picked")
    hard = flags_for(SPECS[0], 0.1, 0.3, {"a": 1, "b": 5, "c": 4})
    assert hard == ("too hard",)


def test_cronbach_alpha_over_the_quiz(stats):
    # k = 4; population item variances 2/9, 1/4, 1/4, 0 sum to 13/18; totals 3 3 4 3 2 1 have mean 8/3 and
    # variance (9+9+16+9+4+1)/6 − 64/9 = 8/9; alpha = 4/3 · (1 − (13/18)/(8/9)) = 4/3 · 3/16 = 1/4
    assert stats.alpha == pytest.approx(0.25)
    assert cronbach_alpha([[1.0, 1.0], [1.0, 1.0]]) is None  # no spread in totals: undefined


def test_score_distribution_counts_attempts_per_band_of_ten_percent(stats):
    # totals of 4: 75 75 100 75 50 25 percent -> bands 20-30: 1, 50-60: 1, 70-80: 3, 90-100: 1
    assert stats.distribution == (0, 0, 1, 0, 0, 1, 0, 3, 0, 1)
    assert stats.attempts == stats.complete_attempts == 6
    assert stats.mean_percent == pytest.approx(400 / 6)


def test_an_attempt_missing_a_question_counts_for_the_questions_it_answered_only():
    partial = [*responses(), ItemResponse("A7", "q1", 1.0, ("a",))]
    stats = analyse(SPECS, partial)
    assert stats.attempts == 7 and stats.complete_attempts == 6
    assert item(stats, "q1").attempts == 7 and item(stats, "q2").attempts == 6
    assert item(stats, "q1").facility == pytest.approx(5 / 7)
    assert stats.alpha == pytest.approx(0.25)  # alpha uses complete attempts only


def test_correlation_is_undefined_without_spread_or_data():
    assert correlation([1.0], [2.0]) is None
    assert correlation([1.0, 1.0], [1.0, 2.0]) is None
    assert correlation([0.0, 1.0], [1.0, 3.0]) == pytest.approx(1.0)
    assert math.isclose(correlation([0.0, 1.0, 1.0], [3.0, 2.0, 1.0]) or 0, -0.866025, abs_tol=1e-6)
