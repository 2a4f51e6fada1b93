"""The practice pool: which questions a learner may be drilled on (pure).

Safe to practise, because seeing the feedback gives nothing away:

* the inline knowledge checks of every module still in the catalogue;
* every question of a practice bank (a quiz file with ``practice: true``);
* the questions of a quiz the learner can no longer attempt (its attempt limit is used up and no attempt
  is open).

Never in the pool: a question of a quiz the learner may still take (unlimited attempts, attempts left or
one open), essays and likert items (nothing to get right), and anything retired (the caller passes only
content still published).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assessments.model import Question, Quiz

UNDRILLABLE_TYPES = frozenset({"essay", "likert"})


@dataclass(frozen=True, slots=True)
class PoolItem:
    key: str  # stable across versions: "quiz:<quiz id>/<question id>" or "check:<module id>/<check id>"
    source: str  # "quiz" | "check"
    content_id: str
    version: int
    question: Question

    @property
    def competencies(self) -> tuple[str, ...]:
        return tuple(ref.id for ref in self.question.competencies)


@dataclass(frozen=True, slots=True)
class ModuleChecks:
    module_id: str
    version: int
    checks: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class QuizSource:
    quiz: Quiz
    version: int


@dataclass(frozen=True, slots=True)
class QuizUse:
    """How far a learner has got with a quiz: attempts started, and whether one is still open."""

    started: int = 0
    has_open: bool = False


def item_key(source: str, content_id: str, question_id: str) -> str:
    return f"{source}:{content_id}/{question_id}"


def is_drillable(question: Question) -> bool:
    return question.type not in UNDRILLABLE_TYPES


def is_closed_to(quiz: Quiz, use: QuizUse) -> bool:
    """True when the learner can no longer attempt the quiz, so its feedback gives nothing away."""
    limit = quiz.settings.attempts
    return limit is not None and use.started >= limit and not use.has_open


def practice_pool(
    modules: Iterable[ModuleChecks], quizzes: Iterable[QuizSource], uses: Mapping[str, QuizUse]
) -> list[PoolItem]:
    """Return the questions the learner may be drilled on, each once."""
    items: dict[str, PoolItem] = {}
    for module in modules:
        for check in module.checks:
            _add(
                items,
                PoolItem(
                    item_key("check", module.module_id, check.id),
                    "check",
                    module.module_id,
                    module.version,
                    check,
                ),
            )
    for source in quizzes:
        quiz = source.quiz
        if not quiz.practice and not is_closed_to(quiz, uses.get(quiz.id, QuizUse())):
            continue
        for question in quiz.questions:
            _add(
                items,
                PoolItem(item_key("quiz", quiz.id, question.id), "quiz", quiz.id, source.version, question),
            )
    return list(items.values())


def _add(items: dict[str, PoolItem], item: PoolItem) -> None:
    if is_drillable(item.question) and item.key not in items:
        items[item.key] = item
