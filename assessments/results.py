"""What a learner sees after submitting (pure): the review level and milestones."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

# Review levels, each showing everything the previous one shows.
REVIEW_LEVELS = ("none", "score", "responses", "answers")


def review_level(policy: str, *, has_passed: bool, attempts_left: int | None = None) -> str:
    """Return what the learner may see of a submitted attempt under the quiz's review policy.

    ``attempts_left`` is None when the quiz has no limit. ``answers`` shows the correct answers only after
    the last allowed attempt, so that nobody retakes a quiz with its key in hand; with no limit there is no
    last attempt. ``answers-always`` is the author saying in so many words that the key may be shown at once.
    """
    if policy == "answers-always":
        return "answers"
    if policy == "answers":
        return "answers" if attempts_left == 0 else "responses"
    if policy == "answers-after-pass":
        return "answers" if has_passed else "responses"
    return policy if policy in REVIEW_LEVELS else "score"


def shows(level: str, what: str) -> bool:
    """True when ``level`` reveals ``what`` (one of REVIEW_LEVELS)."""
    return REVIEW_LEVELS.index(level) >= REVIEW_LEVELS.index(what)


@dataclass(frozen=True, slots=True)
class AttemptSummary:
    quiz_id: str
    number: int
    scaled: float
    passed: bool
    submitted_at: datetime


@dataclass(frozen=True, slots=True)
class Milestone:
    kind: str  # "first-pass" | "personal-best" | "competency-done"
    subject: str  # quiz id or competency id
    at: datetime | None


def attempt_milestones(history: Sequence[AttemptSummary], attempt: AttemptSummary) -> list[Milestone]:
    """Milestones reached by ``attempt`` given the learner's earlier attempts at the same quiz."""
    earlier = [a for a in history if a.quiz_id == attempt.quiz_id and a.number < attempt.number]
    found = []
    if attempt.passed and not any(a.passed for a in earlier):
        found.append(Milestone("first-pass", attempt.quiz_id, attempt.submitted_at))
    if earlier and attempt.scaled > max(a.scaled for a in earlier):
        found.append(Milestone("personal-best", attempt.quiz_id, attempt.submitted_at))
    return found


def all_milestones(
    history: Sequence[AttemptSummary],
    module_competencies: Mapping[str, Iterable[str]],
    completed: Mapping[str, datetime],
) -> list[Milestone]:
    """Every milestone in a learner's history, newest first.

    ``module_competencies`` maps each published module to its competencies and ``completed`` maps the
    modules the learner completed to when; a competency is done when all its modules are.
    """
    found = [m for attempt in history for m in attempt_milestones(history, attempt)]
    modules_of: dict[str, list[str]] = defaultdict(list)
    for module_id, competencies in module_competencies.items():
        for competency_id in competencies:
            modules_of[competency_id].append(module_id)
    for competency_id, module_ids in modules_of.items():
        if all(m in completed for m in module_ids):
            found.append(Milestone("competency-done", competency_id, max(completed[m] for m in module_ids)))
    return sorted(found, key=lambda m: (m.at is not None, m.at), reverse=True)
