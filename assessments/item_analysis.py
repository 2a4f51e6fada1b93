"""Item analysis of a quiz (classical test theory): which questions measure, and which mislead.

Pure: responses in, statistics out. Every attempt is one row of item scores (0 to 1, the share of the
question's credit earned); a question the attempt never answered is left out of that question's figures,
and the quiz-level figures (score distribution, Cronbach's alpha) use the attempts that answered every
question the analysis covers. docs/insight.md gives each formula and what to do about it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

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


@dataclass(frozen=True, slots=True)
class ItemResponse:
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
    ids = [s.id for s in specs]
    by_attempt: dict[str, dict[str, ItemResponse]] = {}
    for response in responses:
        if response.question_id in ids:
            by_attempt.setdefault(response.attempt, {})[response.question_id] = response
    totals = {a: sum(r.score for r in answers.values()) for a, answers in by_attempt.items()}
    items = tuple(_item(spec, by_attempt, totals) for spec in specs)
    complete = [
        [answers[i].score for i in ids] for answers in by_attempt.values() if len(answers) == len(ids)
    ]
    percents = [100 * sum(row) / len(ids) for row in complete] if ids else []
    distribution = [0] * BINS
    for percent in percents:
        distribution[min(int(percent // (100 / BINS)), BINS - 1)] += 1
    return QuizStatistics(
        items,
        len(by_attempt),
        len(complete),
        tuple(distribution),
        sum(percents) / len(percents) if percents else None,
        cronbach_alpha(complete),
    )


def _item(
    spec: ItemSpec, by_attempt: dict[str, dict[str, ItemResponse]], totals: dict[str, float]
) -> ItemStatistics:
    answered = [(answers[spec.id], totals[a]) for a, answers in by_attempt.items() if spec.id in answers]
    scores = [r.score for r, _ in answered]
    rests = [total - r.score for r, total in answered]
    counts: dict[str, int] = {c: 0 for c in spec.choice_ids}
    for response, _ in answered:
        for choice in set(response.choices):
            counts[choice] = counts.get(choice, 0) + 1
    times = [r.seconds for r, _ in answered if r.seconds is not None]
    facility = sum(scores) / len(scores) if scores else None
    discrimination = correlation(scores, rests)
    return ItemStatistics(
        spec,
        len(answered),
        facility,
        discrimination,
        tuple(counts.items()),
        median(times) if times else None,
        flags_for(spec, facility, discrimination, counts),
    )
