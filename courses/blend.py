"""Balancing follow-up plans against 70:20:10 (pure).

``propose`` picks playbook activities for each of a learner's weak competencies greedily: each step adds
the activity that most lowers a cost made of the distance between the effort shares and 70:20:10, plus a
penalty for every kind missing from the blend. It stops when nothing lowers the cost, so each blend is as
small as a good balance allows.

``balance`` summarises planned and completed effort per kind and applies the lopsided-plan rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from courses.playbook import TARGET_SHARES, Activity, Kind, Playbook

UNCOVERED_PENALTY = 0.5
MISSING_KIND_PENALTY = 0.3
MAX_MINUTES_PER_COMPETENCY = 600


@dataclass(frozen=True, slots=True)
class Effort:
    """Minutes per kind (anything with a kind and minutes: proposals, assigned follow-ups)."""

    kind: Kind
    minutes: int
    is_done: bool = False


@dataclass(frozen=True, slots=True)
class KindBalance:
    kind: Kind
    planned: int
    completed: int
    share: float  # of planned minutes
    target: float


@dataclass(frozen=True, slots=True)
class Balance:
    kinds: tuple[KindBalance, ...]
    planned: int
    completed: int
    warnings: tuple[str, ...]


def shares(minutes: dict[Kind, int]) -> dict[Kind, float]:
    total = sum(minutes.values())
    return {kind: (minutes.get(kind, 0) / total if total else 0.0) for kind in Kind}


def distance(minutes: dict[Kind, int]) -> float:
    """Return the L1 distance between these effort shares and 70:20:10 (0 is a perfect blend)."""
    current = shares(minutes)
    return sum(abs(current[kind] - TARGET_SHARES[kind]) for kind in Kind)


def propose(
    playbook: Playbook,
    weak: Sequence[str],
    *,
    skip: Iterable[str] = (),
    max_minutes_per_competency: int = MAX_MINUTES_PER_COMPETENCY,
) -> list[Activity]:
    """Propose activities for the weak competencies (weakest first), skipping activity ids in ``skip``.

    Each competency gets its own blend, so every weak spot has practice, people and (where the playbook
    has one) a course, and the union of balanced blends is balanced too.
    """
    skipped = set(skip)
    chosen: list[Activity] = []
    for competency in dict.fromkeys(weak):
        candidates = [a for a in playbook.for_competency(competency) if a.id not in skipped]
        chosen += _blend(candidates, competency, max_minutes_per_competency)
    return chosen


def _blend(candidates: list[Activity], competency: str, max_minutes: int) -> list[Activity]:
    chosen: list[Activity] = []
    cost = _cost(chosen, [competency])
    while True:
        best, best_cost = None, cost
        for activity in candidates:
            if activity in chosen or _minutes_for(chosen, competency) + activity.effort_minutes > max_minutes:
                continue
            trial = _cost([*chosen, activity], [competency])
            if trial < best_cost - 1e-9:
                best, best_cost = activity, trial
        if best is None:
            return chosen
        chosen.append(best)
        cost = best_cost


def _cost(chosen: list[Activity], weak: Sequence[str]) -> float:
    if not chosen:
        return 2.0 + UNCOVERED_PENALTY * len(weak) + MISSING_KIND_PENALTY * len(Kind)
    minutes = _minutes_by_kind((a.kind, a.effort_minutes) for a in chosen)
    covered = {a.competency_id for a in chosen}
    missing_kinds = sum(1 for kind in Kind if not minutes.get(kind))
    uncovered = sum(1 for c in weak if c not in covered)
    return distance(minutes) + UNCOVERED_PENALTY * uncovered + MISSING_KIND_PENALTY * missing_kinds


def _minutes_for(chosen: list[Activity], competency_id: str) -> int:
    return sum(a.effort_minutes for a in chosen if a.competency_id == competency_id)


def _minutes_by_kind(pairs: Iterable[tuple[Kind, int]]) -> dict[Kind, int]:
    minutes: dict[Kind, int] = {}
    for kind, effort in pairs:
        minutes[kind] = minutes.get(kind, 0) + effort
    return minutes


# Lopsided-plan rules: each looks at the planned shares and returns a warning or None.
Rule = Callable[[dict[Kind, float]], str | None]


def _all_formal(s: dict[Kind, float]) -> str | None:
    return "All formal learning: add on-the-job practice." if s[Kind.EDUCATION] >= 0.999 else None


def _mostly_formal(s: dict[Kind, float]) -> str | None:
    if 0.3 < s[Kind.EDUCATION] < 0.999:
        return "Mostly formal learning: add on-the-job practice and learning from others."
    return None


def _little_practice(s: dict[Kind, float]) -> str | None:
    if s[Kind.EDUCATION] < 0.999 and s[Kind.EXPERIENCE] < 0.5:
        return "Little on-the-job practice: add experience follow-ups (about 70% of the effort)."
    return None


def _no_people(s: dict[Kind, float]) -> str | None:
    return "Nobody to learn from: add shadowing, role-play or feedback." if s[Kind.EXPOSURE] == 0 else None


def _no_course(s: dict[Kind, float]) -> str | None:
    return (
        "No formal learning at all: a short module can give the practice a footing."
        if not s[Kind.EDUCATION]
        else None
    )


RULES: tuple[Rule, ...] = (_all_formal, _mostly_formal, _little_practice, _no_people, _no_course)


def balance(items: Iterable[Effort], *, rules: Sequence[Rule] = RULES) -> Balance:
    """Summarise planned and completed minutes per kind against 70:20:10, with warnings."""
    items = list(items)
    planned = _minutes_by_kind((i.kind, i.minutes) for i in items)
    completed = _minutes_by_kind((i.kind, i.minutes) for i in items if i.is_done)
    current = shares(planned)
    kinds = tuple(
        KindBalance(kind, planned.get(kind, 0), completed.get(kind, 0), current[kind], TARGET_SHARES[kind])
        for kind in Kind
    )
    total = sum(planned.values())
    warnings = tuple(w for rule in rules if total and (w := rule(current)))
    return Balance(kinds, total, sum(completed.values()), warnings)
