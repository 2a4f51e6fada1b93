"""A practice pool grouped by competency tags, so a drill is drawn without visiting every question (pure).

A question's priority in a drill depends only on its competency tags (``selection.Focus``), so the
questions never practised can be drawn group by group: a group in proportion to its priority times the
questions it has left, then a question of it at random. The index is built once per content build and
shared by every learner; a learner's own part of the pool (quizzes closed to them) is joined on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from assessments.practice.pool import PoolItem


@dataclass(frozen=True, slots=True)
class TagGroup:
    tags: tuple[str, ...]
    items: tuple[PoolItem, ...]


@dataclass(frozen=True, slots=True)
class PoolIndex:
    """The pool's items in groups of the same competency tags, and where each key is."""

    groups: tuple[TagGroup, ...]
    entries: Mapping[str, tuple[int, PoolItem]]  # item key -> (index of its group, the item)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def item(self, key: str) -> PoolItem:
        return self.entries[key][1]

    def group_of(self, key: str) -> int:
        return self.entries[key][0]

    def tags_of(self, key: str) -> tuple[str, ...]:
        return self.groups[self.entries[key][0]].tags

    def __iter__(self) -> Iterator[PoolItem]:
        return (item for _, item in self.entries.values())

    def join(self, *others: PoolIndex) -> PoolIndex:
        """This pool and the others' items it does not hold yet."""
        added = index_pool(item for other in others for item in other if item.key not in self.entries)
        if not added.entries:
            return self
        offset = len(self.groups)
        entries = dict(self.entries)
        entries.update((key, (offset + group, item)) for key, (group, item) in added.entries.items())
        return PoolIndex(self.groups + added.groups, entries)


def index_pool(items: Iterable[PoolItem]) -> PoolIndex:
    """Group the items by their competency tags, each key once (the first item with it)."""
    grouped: dict[tuple[str, ...], list[PoolItem]] = {}
    seen: set[str] = set()
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            grouped.setdefault(item.competencies, []).append(item)
    groups = tuple(TagGroup(tags, tuple(members)) for tags, members in grouped.items())
    entries = {item.key: (n, item) for n, group in enumerate(groups) for item in group.items}
    return PoolIndex(groups, entries)
