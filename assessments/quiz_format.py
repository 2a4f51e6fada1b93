"""Parse a quiz file (front matter with the settings, one ``##`` section per question) into a ``Quiz``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt

from assessments.diagnostics import Diagnostic, Diagnostics, did_you_mean
from assessments.frontmatter import FrontMatter, split
from assessments.markup import Env, create_markdown, new_env
from assessments.model import (
    GRADING_POLICIES,
    REVIEW_POLICIES,
    CompetencyRef,
    Pool,
    Question,
    Quiz,
    QuizSettings,
)
from assessments.question_source import FieldValue
from assessments.questions import Reference, check_unique_ids, parse_question, split_sections
from assessments.schema import Field, check_front_matter

QUIZ_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "title": Field("text", required=True),
    "competencies": Field("ids"),
    "pass_mark": Field("number", minimum=0, maximum=100),
    "attempts": Field("int", minimum=0),
    "time_limit": Field("int", minimum=0),
    "shuffle_questions": Field("bool"),
    "shuffle_choices": Field("bool"),
    "grading": Field("choice", choices=GRADING_POLICIES),
    "review": Field("choice", choices=REVIEW_POLICIES),
    "pools": Field("raw"),
    "practice": Field("bool"),
}
# A practice bank is drilled, never attempted: these settings would mean nothing in it.
ATTEMPT_ONLY_FIELDS = ("pass_mark", "attempts", "time_limit", "grading", "review", "pools")


@dataclass
class ParsedQuiz:
    quiz: Quiz | None
    diagnostics: list[Diagnostic]
    references: list[Reference] = field(default_factory=list)
    id_position: tuple[int, int] = (1, 1)
    quiz_id: str | None = None  # set whenever the front matter names a valid id, even with other errors


_default_markdown: MarkdownIt | None = None


def parse_quiz(text: str, path: str, *, md: MarkdownIt | None = None) -> ParsedQuiz:
    """Parse a quiz file; the quiz is None when there are errors."""
    global _default_markdown
    if md is None:
        _default_markdown = _default_markdown or create_markdown()
        md = _default_markdown
    diagnostics = Diagnostics(path)
    document = split(text)
    if document.error:
        message, at = document.error
        diagnostics.error(message, at.line, at.col)
        return ParsedQuiz(None, diagnostics.items)
    front = document.front_matter
    assert front is not None
    values = check_front_matter(front, QUIZ_FIELDS, diagnostics)
    env = new_env(diagnostics, document.body, document.body_line)
    references: list[Reference] = env.setdefault("elearn_references", [])
    defaults = _quiz_competencies(front, values, references)
    env["default_competencies"] = defaults
    tokens = md.parse(document.body, env)
    before, sections = split_sections(tokens, 0, "h2")
    _check_headings(tokens, before, env, diagnostics)
    questions: list[Question] = []
    for section in sections:
        question = parse_question(section, md, env, diagnostics, default_competencies=defaults)
        if question is not None:
            questions.append(question)
    if not sections:
        diagnostics.error(
            "the quiz has no questions", front.start.line, 1, hint="start each question with ##"
        )
    check_unique_ids(questions, diagnostics)
    pools = _pools(front, values.get("pools"), {q.id for q in questions}, diagnostics)
    if values.get("practice"):
        _check_practice_bank(front, questions, diagnostics)
    id_at = front.at("id")
    if diagnostics.has_errors:
        return ParsedQuiz(None, diagnostics.items, references, (id_at.line, id_at.col), values.get("id"))
    quiz = Quiz(
        id=values["id"],
        title=str(values["title"]),
        competencies=tuple(c.id for c in defaults),
        settings=_settings(values),
        questions=tuple(questions),
        pools=pools,
        practice=bool(values.get("practice", False)),
    )
    return ParsedQuiz(quiz, diagnostics.items, references, (id_at.line, id_at.col), quiz.id)


def _quiz_competencies(
    front: FrontMatter, values: dict[str, Any], refs: list[Reference]
) -> tuple[CompetencyRef, ...]:
    ids = values.get("competencies", [])
    for index, competency in enumerate(ids):
        at = front.item_at("competencies", index)
        refs.append(Reference("competency", competency, at.line, at.col))
    return tuple(CompetencyRef(c) for c in ids)


def _settings(values: dict[str, Any]) -> QuizSettings:
    return QuizSettings(
        pass_mark=float(values.get("pass_mark", 80)),
        attempts=values.get("attempts") or None,
        time_limit_minutes=values.get("time_limit") or None,
        shuffle_questions=values.get("shuffle_questions", False),
        shuffle_choices=values.get("shuffle_choices", False),
        grading=values.get("grading", "highest"),
        review=values.get("review", "answers"),
    )


def _check_practice_bank(front: FrontMatter, questions: list[Question], diagnostics: Diagnostics) -> None:
    """A practice bank holds only questions a drill can use, and no attempt settings."""
    for name in ATTEMPT_ONLY_FIELDS:
        if name in front.values:
            at = front.keys.get(name) or front.at(name)
            diagnostics.error(f"a practice bank is never attempted, so it has no {name}", at.line, at.col)
    for question in questions:
        if question.type in ("essay", "likert"):
            diagnostics.error(
                f"a practice bank cannot hold {question.type} questions: drills never use them",
                question.line,
                1,
            )


def _check_headings(tokens: list[Any], before: list[Any], env: Env, diagnostics: Diagnostics) -> None:
    """Only ## starts a question: a # heading anywhere, or any heading before the first ##, is an error."""
    for token in tokens:
        if token.type != "heading_open" or token.level != 0 or not token.map:
            continue
        if token.tag == "h1" or any(token is early for early in before):
            line = env["line_offset"] + token.map[0] + 1
            diagnostics.error(f"a quiz starts each question with ##, not {token.markup}", line, 1)
    for check in env.get("checks", []):
        diagnostics.error("a ::: check block belongs in a module, not in a quiz", check.line, 1)


def _pools(
    front: FrontMatter, raw: Any, question_ids: set[str], diagnostics: Diagnostics
) -> tuple[Pool, ...]:
    if raw is None:
        return ()
    at = front.at("pools")
    if not isinstance(raw, list):
        diagnostics.error("pools must be a list of {draw: N, from: [question ids]}", at.line, at.col)
        return ()
    pools: list[Pool] = []
    pooled: set[str] = set()
    for index, entry in enumerate(raw):
        where = front.item_at("pools", index)
        position = FieldValue("", where.line, where.col)
        pool = _pool(entry, position, question_ids, pooled, diagnostics)
        if pool is not None:
            pools.append(pool)
    return tuple(pools)


def _pool(
    entry: Any, at: FieldValue, question_ids: set[str], pooled: set[str], diagnostics: Diagnostics
) -> Pool | None:
    if not isinstance(entry, dict) or set(entry) != {"draw", "from"}:
        diagnostics.error("a pool needs exactly 'draw: N' and 'from: [question ids]'", at.line, at.col)
        return None
    draw, names = entry["draw"], entry["from"]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        diagnostics.error("a pool's 'from' must be a list of question ids", at.line, at.col)
        return None
    if not isinstance(draw, int) or isinstance(draw, bool) or draw < 1:
        diagnostics.error("a pool's 'draw' must be a whole number of at least 1", at.line, at.col)
        return None
    for name in names:
        if name not in question_ids:
            diagnostics.error(
                f'pool names unknown question "{name}"',
                at.line,
                at.col,
                hint=did_you_mean(name, question_ids),
            )
        elif name in pooled:
            diagnostics.error(f'question "{name}" is in more than one pool', at.line, at.col)
        pooled.add(name)
    if draw > len(names):
        diagnostics.error(f"pool draws {draw} questions but names only {len(names)}", at.line, at.col)
    return Pool(draw=draw, question_ids=tuple(names))
