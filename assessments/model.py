"""Compiled questions and quizzes: frozen, JSON-serialisable data shared by the compiler, the player,
scoring, xAPI statements and the exporters."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

QUESTION_TYPE_NAMES = (
    "single",
    "multiple",
    "true-false",
    "fill-in",
    "numeric",
    "matching",
    "ordering",
    "likert",
    "essay",
)
REVIEW_POLICIES = ("none", "score", "responses", "answers", "answers-after-pass", "answers-always")
GRADING_POLICIES = ("highest", "last")


@dataclass(frozen=True, slots=True)
class CompetencyRef:
    id: str
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Choice:
    """An option of a single, multiple, likert or ordering question, or a side of a matching pair.

    ``id`` is positional (``a``, ``b`` …) and stable for the same source. For ordering questions the
    choices are stored in the correct order; for matching, ``match`` names the right-hand choice id. So a
    learner's page never shows these ids, but ids drawn for each attempt (``assessments.shown_ids``).
    """

    id: str
    text: str
    html: str
    correct: bool = False
    pinned: bool = False
    feedback: str | None = None
    match: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    type: str  # one of QUESTION_TYPE_NAMES
    stem: str  # plain text of the heading
    stem_html: str  # the heading plus any further Markdown of the stem, rendered
    competencies: tuple[CompetencyRef, ...]
    points: float = 1.0
    hint: str | None = None
    feedback: str | None = None
    choices: tuple[Choice, ...] = ()  # single/multiple/likert/ordering choices; matching: left side
    targets: tuple[Choice, ...] = ()  # matching: right side (including distractors)
    # Type-specific answer key, JSON-serialisable, e.g. {"answer": True}, {"answers": [...], "case": ...,
    # "whitespace": ..., "pattern": ...}, {"answer": 42, "tolerance": 0.5} or {"min": 10, "max": 20},
    # {"partial": True}, {"words": [30, 200], "rubric": "..."}.
    key: dict[str, Any] = field(default_factory=dict)
    line: int = 0  # source line of the heading, for diagnostics

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        values = dict(data)
        values["competencies"] = tuple(CompetencyRef(**c) for c in data["competencies"])
        values["choices"] = tuple(Choice(**c) for c in data.get("choices", ()))
        values["targets"] = tuple(Choice(**c) for c in data.get("targets", ()))
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Pool:
    draw: int
    question_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuizSettings:
    pass_mark: float = 80.0  # percent of the available points
    attempts: int | None = None  # None: unlimited
    time_limit_minutes: int | None = None
    shuffle_questions: bool = False
    shuffle_choices: bool = False
    grading: str = "highest"  # GRADING_POLICIES
    review: str = "answers"  # REVIEW_POLICIES


@dataclass(frozen=True, slots=True)
class Quiz:
    id: str
    title: str
    competencies: tuple[str, ...]
    settings: QuizSettings
    questions: tuple[Question, ...]
    pools: tuple[Pool, ...] = ()
    practice: bool = False  # a practice bank: drilled, never attempted (see assessments.practice)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quiz:
        return cls(
            id=data["id"],
            title=data["title"],
            competencies=tuple(data["competencies"]),
            settings=QuizSettings(**data["settings"]),
            questions=tuple(Question.from_dict(q) for q in data["questions"]),
            pools=tuple(
                Pool(draw=pool["draw"], question_ids=tuple(pool["question_ids"]))
                for pool in data.get("pools", ())
            ),
            practice=bool(data.get("practice", False)),
        )
