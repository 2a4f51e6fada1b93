"""Choosing a drill's questions, and the learner's streaks and milestones."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from fsrs import Rating

from assessments.model import CompetencyRef, Question
from assessments.practice import Focus, PoolItem, choose, new_card, review, streak
from assessments.practice.selection import MAX_QUESTIONS, MIN_QUESTIONS, fill

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def item(n: int, competency: str = "empathy", kind: str = "single") -> PoolItem:
    question = Question(f"q{n}", kind, f"Question {n}", "", (CompetencyRef(competency),))
    return PoolItem(f"quiz:bank/q{n}", "quiz", "bank", 1, question)


def test_due_questions_come_first_then_new_ones_then_the_rest_soonest_first() -> None:
    pool = [item(n) for n in range(8)]
    reviewed = review(new_card(NOW - timedelta(days=30)), Rating.Good, NOW - timedelta(days=30))
    not_due = review(new_card(NOW), Rating.Easy, NOW)
    cards = {pool[0].key: not_due, pool[1].key: reviewed, **{p.key: not_due for p in pool[3:]}}
    chosen = choose(pool, cards, Focus(), NOW, random.Random(1))
    assert [c.key for c in chosen[:2]] == [pool[1].key, pool[2].key]  # due, then never practised


def test_a_drill_fits_two_minutes_with_three_to_five_questions_each_once() -> None:
    quick = [item(n, kind="true-false") for n in range(10)]
    assert len(fill(quick)) == MAX_QUESTIONS
    slow = [item(n, kind="matching") for n in range(10)]
    assert len(fill(slow)) == MIN_QUESTIONS
    assert len(fill([quick[0], quick[0], quick[1]])) == 2
    for seed in range(20):
        chosen = choose([*quick, *slow], {}, Focus(), NOW, random.Random(seed))
        assert len({c.key for c in chosen}) == len(chosen)


def test_weak_declining_and_planned_competencies_are_drawn_more_often() -> None:
    pool = [item(n, "empathy") for n in range(20)] + [item(n, "call-closing") for n in range(20, 40)]
    counts: Counter[str] = Counter()
    for seed in range(300):
        for chosen in choose(pool, {}, Focus(weak=frozenset({"call-closing"})), NOW, random.Random(seed)):
            counts[chosen.competencies[0]] += 1
    assert counts["call-closing"] > 2 * counts["empathy"]
    focus = Focus(weak=frozenset({"a"}), declining=frozenset({"a"}), in_plan=frozenset({"b"}))
    assert focus.priority(["a"]) > focus.priority(["b"]) > focus.priority(["c"]) == 1.0


def test_a_new_question_is_drawn_in_proportion_to_its_competency_weight() -> None:
    # 20 questions at weight 1 and 20 of a weak competency at weight 3: the first is weak 60 times in 80.
    pool = [item(n, "empathy") for n in range(20)] + [item(n, "call-closing") for n in range(20, 40)]
    focus = Focus(weak=frozenset({"call-closing"}))
    firsts = Counter(
        choose(pool, {}, focus, NOW, random.Random(seed))[0].competencies[0] for seed in range(2000)
    )
    assert abs(firsts["call-closing"] / 2000 - 0.75) < 0.04


def test_with_everything_practised_and_nothing_due_the_soonest_due_come_first() -> None:
    pool = [item(n, kind="true-false") for n in range(8)]
    card = review(new_card(NOW), Rating.Easy, NOW)
    cards = {p.key: replace(card, due=NOW + timedelta(days=10 - n)) for n, p in enumerate(pool)}
    chosen = choose(pool, cards, Focus(), NOW, random.Random(1))
    assert [c.key for c in chosen] == [pool[n].key for n in (7, 6, 5, 4, 3)]


def test_cards_of_questions_no_longer_in_the_pool_are_never_drawn() -> None:
    pool = [item(n) for n in range(6)]
    overdue = review(new_card(NOW - timedelta(days=30)), Rating.Good, NOW - timedelta(days=30))
    cards = {item(99).key: overdue, pool[4].key: overdue}
    for seed in range(20):
        chosen = [c.key for c in choose(pool, cards, Focus(), NOW, random.Random(seed))]
        assert chosen[0] == pool[4].key and item(99).key not in chosen


def test_a_streak_counts_consecutive_days_up_to_today_or_yesterday() -> None:
    today = date(2026, 12, 7)
    days = [today - timedelta(days=n) for n in (0, 1, 2, 5, 6, 7, 8)]
    assert (streak(days, 9, today).current, streak(days, 9, today).best) == (3, 4)
    assert streak(days[1:], 8, today).current == 2  # not practised yet today: the streak still stands
    assert streak(days[3:], 4, today).current == 0
    assert streak(days, 9, today).practised_today and not streak(days[1:], 8, today).practised_today


def test_milestones_name_what_was_reached_and_the_next_one() -> None:
    today = date(2026, 12, 7)
    shown = streak([today - timedelta(days=n) for n in range(3)], 5, today)
    assert shown.milestones == ("1 drill done", "5 drills done", "3-day streak")
    assert shown.next_milestone == "10 drills done"
    assert streak([], 0, today).milestones == () and streak([], 0, today).next_milestone == "your first drill"
