"""The practice pool grouped by competency tags: each key once, joined without losing a group."""

from __future__ import annotations

from assessments.model import CompetencyRef, Question
from assessments.practice import PoolItem, index_pool


def item(key: str, *tags: str) -> PoolItem:
    question = Question(key, "single", key, "", tuple(CompetencyRef(t) for t in tags))
    return PoolItem(f"quiz:bank/{key}", "quiz", "bank", 1, question)


def test_items_are_grouped_by_their_tags_and_each_key_is_kept_once() -> None:
    first = item("a", "empathy")
    index = index_pool([first, item("b", "empathy", "call-closing"), item("c", "empathy"), item("a", "x")])
    assert [(group.tags, [i.key for i in group.items]) for group in index.groups] == [
        (("empathy",), ["quiz:bank/a", "quiz:bank/c"]),
        (("empathy", "call-closing"), ["quiz:bank/b"]),
    ]
    assert len(index) == 3 and index.item("quiz:bank/a") is first
    assert index.tags_of("quiz:bank/b") == ("empathy", "call-closing")


def test_joining_adds_only_the_keys_not_held_yet_in_groups_of_their_own() -> None:
    base = index_pool([item("a", "empathy"), item("b", "empathy")])
    closed = index_pool([item("b", "call-closing"), item("c", "empathy")])
    joined = base.join(closed, index_pool([]))
    assert sorted(i.key for i in joined) == ["quiz:bank/a", "quiz:bank/b", "quiz:bank/c"]
    assert joined.tags_of("quiz:bank/b") == ("empathy",)  # the pool's own item wins
    assert joined.group_of("quiz:bank/c") == len(base.groups)
    assert joined.groups[joined.group_of("quiz:bank/c")].items == (joined.item("quiz:bank/c"),)
    assert base.join() is base and base.join(index_pool([item("a", "x")])) is base
