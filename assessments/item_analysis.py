"""Item analysis of a quiz (classical test theory): which questions measure, and which mislead.

Pure: responses in, statistics out. Every attempt is one row of item scores (0 to 1, the share of the
question's credit earned); a question the attempt never answered is left out of that question's figures,
and the quiz-level figures (score distribution, Cronbach's alpha) use the attempts that answered every
question the analysis covers. docs/insight.md gives each formula and what to do about it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median
from typing import NamedTuple

TOO_EASY = 0.9  # facility above this: nearly everybody gets it right
TOO_HARD = 0.2  # facility below this: nearly nobody does
BINS = 10  # score distribution: ten bands of ten percent


@dataclass(frozen=True, slots=True)
class ItemSpec:
    """A question as the analysis needs it: its choices and which of them are correct."""

    id: str
    title: str
    choice_ids: tuple[str, ...] = ()
    correct_choice_ids: frozenset[str] = frozenset()


class ItemResponse(NamedTuple):
    """One attempt's answer to one question, judged. A named tuple, not a frozen dataclass: a report
    makes one per answer, and a frozen dataclass costs several times as much to create."""

    attempt: str  # the attempt's registration
    question_id: str
    score: float  # 0..1
    choices: tuple[str, ...] = ()  # the choice ids picked
    seconds: float | None = None


@dataclass(frozen=True, slots=True)
class ItemStatistics:
    spec: ItemSpec
    attempts: int
    facility: float | None
    discrimination: float | None
    choice_counts: tuple[tuple[str, int], ...]
    median_seconds: float | None
    flags: tuple[str, ...]

    def choice_share(self, choice_id: str) -> float:
        count = dict(self.choice_counts).get(choice_id, 0)
        return count / self.attempts if self.attempts else 0.0


@dataclass(frozen=True, slots=True)
class QuizStatistics:
    items: tuple[ItemStatistics, ...]
    attempts: int  # attempts with at least one answer
    complete_attempts: int  # attempts that answered every question
    distribution: tuple[int, ...]  # complete attempts per band of BINS (0-10 %, …, 90-100 %)
    mean_percent: float | None
    alpha: float | None


def pvariance(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r (the point-biserial when xs are 0/1); None when either side does not vary."""
    if len(xs) < 2:
        return None
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    spread = math.sqrt(sum((x - mean_x) ** 2 for x in xs) * sum((y - mean_y) ** 2 for y in ys))
    return None if spread < 1e-12 else cov / spread


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """k/(k-1) · (1 − Σ var(item) / var(total)) over complete rows; None when it is undefined."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    k = len(rows[0])
    total_variance = pvariance([sum(row) for row in rows])
    if total_variance < 1e-12:
        return None
    item_variance = sum(pvariance([row[i] for row in rows]) for i in range(k))
    return k / (k - 1) * (1 - item_variance / total_variance)


def flags_for(
    spec: ItemSpec, facility: float | None, discrimination: float | None, counts: dict[str, int]
) -> tuple[str, ...]:
    """Name what looks wrong: too easy, too hard, negative discrimination, a distractor nobody picks."""
    if facility is None:
        return ()
    found = []
    if facility > TOO_EASY:
        found.append("too easy")
    if facility < TOO_HARD:
        found.append("too hard")
    if discrimination is not None and discrimination < 0:
        found.append("negative discrimination")
    found += [
        f"distractor {c} never picked"
        for c in spec.choice_ids
        if c not in spec.correct_choice_ids and counts.get(c, 0) == 0
    ]
    return tuple(found)


def analyse(specs: Sequence[ItemSpec], responses: Iterable[ItemResponse]) -> QuizStatistics:
    """Compute every item's and the quiz's statistics from the responses (the last one per attempt wins)."""
    ids = {s.id for s in specs}
    by_attempt: dict[str, dict[str, ItemResponse]] = {}
    for response in responses:
        if response.question_id in ids:
            by_attempt.setdefault(response.attempt, {})[response.question_id] = response
    tally = Tally(specs)
    for answers in by_attempt.values():
        tally.add(answers.values())
    return tally.statistics()


class Tally:
    """``analyse`` one attempt at a time: a report over 100,000 answers keeps no object per answer."""

    def __init__(self, specs: Sequence[ItemSpec]) -> None:
        self.specs = tuple(specs)
        self.columns = {spec.id: _Column() for spec in self.specs}
        self.attempts = 0
        self.complete: list[list[float]] = []  # item scores of the attempts that answered every question

    def add(self, answers: Iterable[ItemResponse]) -> None:
        """Count one attempt's answers, one per question (questions outside the specs are ignored)."""
        mine = {r.question_id: r for r in answers if r.question_id in self.columns}
        if not mine:
            return
        self.attempts += 1
        total = sum(r.score for r in mine.values())
        for question_id, response in mine.items():
            self.columns[question_id].add(response, total)
        if len(mine) == len(self.columns):
            self.complete.append([mine[spec.id].score for spec in self.specs])

    def statistics(self) -> QuizStatistics:
        count = len(self.specs)
        percents = [100 * sum(row) / count for row in self.complete] if count else []
        distribution = [0] * BINS
        for percent in percents:
            distribution[min(int(percent // (100 / BINS)), BINS - 1)] += 1
        return QuizStatistics(
            tuple(self.columns[spec.id].statistics(spec) for spec in self.specs),
            self.attempts,
            len(self.complete),
            tuple(distribution),
            sum(percents) / len(percents) if percents else None,
            cronbach_alpha(self.complete),
        )


class _Column:
    """One question's figures as they are gathered, attempt by attempt."""

    def __init__(self) -> None:
        self.scores: list[float] = []
        self.rests: list[float] = []  # the rest of the quiz: the attempt's total minus this item
        self.picks: Counter[tuple[str, ...]] = Counter()  # attempts per set of choices picked
        self.times: list[float] = []

    def add(self, response: ItemResponse, total: float) -> None:
        self.scores.append(response.score)
        self.rests.append(total - response.score)
        self.picks[response.choices] += 1
        if response.seconds is not None:
            self.times.append(response.seconds)

    def statistics(self, spec: ItemSpec) -> ItemStatistics:
        counts: dict[str, int] = dict.fromkeys(spec.choice_ids, 0)
        for picks, number in self.picks.items():
            for choice in set(picks):
                counts[choice] = counts.get(choice, 0) + number
        scores = self.scores
        facility = sum(scores) / len(scores) if scores else None
        discrimination = correlation(scores, self.rests)
        return ItemStatistics(
            spec,
            len(scores),
            facility,
            discrimination,
            tuple(counts.items()),
            median(self.times) if self.times else None,
            flags_for(spec, facility, discrimination, counts),
        )
