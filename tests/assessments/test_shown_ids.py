"""The ids a learner sees: drawn at random, translated both ways, and nothing else accepted."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from assessments.model import Choice, CompetencyRef, Question
from assessments.question_types import ResponseError
from assessments.shown_ids import (
    draw_shown_ids,
    keyed_shown_ids,
    shown_order,
    shown_view,
    to_shown,
    to_source,
)

REFS = (CompetencyRef("listening"),)


def question(qtype: str, choices: int = 3, targets: int = 0) -> Question:
    lefts = tuple(
        Choice(chr(ord("a") + n), f"choice {n}", "", match=str(n + 1) if targets else None)
        for n in range(choices)
    )
    rights = tuple(Choice(str(n + 1), f"target {n}", "") for n in range(targets))
    return Question(
        id=f"{qtype}-q", type=qtype, stem="?", stem_html="", competencies=REFS, choices=lefts, targets=rights
    )


QUESTIONS = {
    "single": (question("single"), "b"),
    "likert": (question("likert"), "c"),
    "multiple": (question("multiple"), ["a", "c"]),
    "ordering": (question("ordering", 4), ["c", "a", "d", "b"]),
    "matching": (question("matching", 3, 4), {"a": "2", "b": "4", "c": "1"}),
}


def test_every_choice_and_target_gets_a_random_id_of_its_own() -> None:
    matching = QUESTIONS["matching"][0]
    ids = draw_shown_ids(matching, random.Random(1))
    assert sorted(ids["choices"]) == ["a", "b", "c"] and sorted(ids["targets"]) == ["1", "2", "3", "4"]
    drawn = [*ids["choices"].values(), *ids["targets"].values()]
    assert len(set(drawn)) == len(drawn) and all(re.fullmatch(r"[0-9a-f]{16}", token) for token in drawn)
    assert draw_shown_ids(matching, random.Random(2)) != ids
    # true-false, fill-in, numeric and essay show no choice ids
    assert draw_shown_ids(question("true-false", 0), random.Random(1)) == {}


@pytest.mark.parametrize("qtype", sorted(QUESTIONS))
def test_a_response_goes_to_the_page_and_back_unchanged(qtype: str) -> None:
    item, response = QUESTIONS[qtype]
    ids = draw_shown_ids(item, random.Random(3))
    shown = to_shown(item, response, ids)
    assert shown != response
    assert to_source(item, shown, ids) == response


@pytest.mark.parametrize("qtype", sorted(QUESTIONS))
def test_source_ids_and_unknown_ids_are_refused(qtype: str) -> None:
    item, response = QUESTIONS[qtype]
    ids = draw_shown_ids(item, random.Random(4))
    with pytest.raises(ResponseError, match="unknown"):
        to_source(item, response, ids)  # the source ids themselves: what a page used to show
    with pytest.raises(ResponseError, match="unknown"):
        to_source(item, _tampered(to_shown(item, response, ids)), ids)


def _tampered(response: Any) -> Any:
    if isinstance(response, str):
        return "zz"
    if isinstance(response, list):
        return [*response[:-1], 7]
    return {"zz": "1"}


def test_attempts_started_before_shown_ids_take_source_ids() -> None:
    item, response = QUESTIONS["ordering"]
    assert to_source(item, response, {}) == response and to_shown(item, response, {}) == response


def test_the_view_carries_shown_ids_and_keeps_the_order_it_was_given() -> None:
    item = QUESTIONS["matching"][0]
    ids = draw_shown_ids(item, random.Random(5))
    view = {"id": item.id, "choices": [{"id": "b", "text": "x"}, {"id": "a", "text": "y"}], "targets": []}
    shown = shown_view(view, ids)
    assert [c["id"] for c in shown["choices"]] == [ids["choices"]["b"], ids["choices"]["a"]]
    assert view["choices"][0]["id"] == "b"  # the given view is left alone


def test_keyed_ids_are_stable_per_learner_and_differ_between_learners() -> None:
    item = QUESTIONS["ordering"][0]
    first = keyed_shown_ids(item, b"secret", "registration-1")
    assert keyed_shown_ids(item, b"secret", "registration-1") == first
    assert keyed_shown_ids(item, b"secret", "registration-2") != first
    assert keyed_shown_ids(item, b"other secret", "registration-1") != first
    assert sorted(shown_order(first, "choices")) == ["a", "b", "c", "d"]
