"""Build a ``Question`` from a question section: common fields here, the body by its question type."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from assessments.diagnostics import Diagnostics, did_you_mean
from assessments.markup import Env
from assessments.model import CompetencyRef, Question
from assessments.question_source import FieldValue, QuestionDraft, read_draft, slug
from assessments.question_types import QUESTION_TYPES

COMMON_FIELDS = frozenset({"type", "competencies", "points", "hint", "feedback"})
ALL_FIELDS = COMMON_FIELDS.union(*(t.fields for t in QUESTION_TYPES.values()))
WEIGHTED_RE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)(?:\s*\*\s*(\d+(?:\.\d+)?))?$")


@dataclass(frozen=True, slots=True)
class Reference:
    """A use of an id defined elsewhere (a competency), kept for checking once everything is compiled."""

    target: str  # "competency", "quiz", "module" …
    id: str
    line: int
    col: int


def parse_question(
    tokens: list[Token],
    md: MarkdownIt,
    env: Env,
    diagnostics: Diagnostics,
    *,
    default_competencies: tuple[CompetencyRef, ...],
) -> Question | None:
    """Parse a question section (starting at its heading); report problems; None when it is unusable."""
    draft = read_draft(tokens, md, env, diagnostics)
    type_field = draft.fields.get("type")
    if type_field is None:
        draft.error(
            "question has no type",
            hint="add 'type: …' on the line right under the heading (no blank line in between); "
            f"types: {', '.join(QUESTION_TYPES)}",
        )
        return None
    qtype = QUESTION_TYPES.get(type_field.value)
    if qtype is None:
        draft.error(
            f'unknown question type "{type_field.value}"',
            type_field,
            hint=did_you_mean(type_field.value, QUESTION_TYPES) or f"types: {', '.join(QUESTION_TYPES)}",
        )
        return None
    for name, value in draft.fields.items():
        if name not in COMMON_FIELDS and name not in qtype.fields:
            known = sorted(COMMON_FIELDS | qtype.fields)
            draft.diagnostics.error(
                f'unknown field "{name}" for a {qtype.name} question',
                value.line,
                value.name_col,
                hint=did_you_mean(name, known) or f"fields: {', '.join(known)}",
            )
    refs: list[Reference] = env.setdefault("elearn_references", [])
    competencies = _competencies(draft, refs) or default_competencies
    if not competencies:
        draft.error("question has no competencies", hint='add "competencies: …" to the question or its quiz')
    points = _points(draft, qtype.default_points)
    parts = qtype.parse(draft)
    question_id = draft.id
    if question_id is None:
        question_id = slug(draft.stem)
        draft.warning(
            f'question has no id; using "{question_id}"',
            hint=f"add {{#{question_id}}} to the heading to keep it stable",
        )
    if parts is None:
        return None
    return Question(
        id=question_id,
        type=qtype.name,
        stem=draft.stem,
        stem_html=draft.render_stem(),
        competencies=competencies,
        points=points,
        hint=_text(draft, "hint"),
        feedback=_text(draft, "feedback"),
        choices=parts.choices,
        targets=parts.targets,
        key=parts.key,
        line=draft.line,
    )


def parse_competency_list(
    text: str, at: FieldValue, diagnostics: Diagnostics, refs: list[Reference]
) -> tuple[CompetencyRef, ...]:
    """Parse ``empathy*2, rapport`` into weighted references."""
    result: list[CompetencyRef] = []
    offset = 0
    for part in text.split(","):
        name = part.strip()
        col = at.col + offset + (len(part) - len(part.lstrip()))
        offset += len(part) + 1
        if not name:
            continue
        match = WEIGHTED_RE.match(name)
        if not match:
            diagnostics.error(
                f'invalid competency "{name}"',
                at.line,
                col,
                hint="write ids with an optional weight: empathy*2, rapport",
            )
            continue
        weight = float(match.group(2)) if match.group(2) else 1.0
        if weight <= 0:
            diagnostics.error("a competency weight must be positive", at.line, col)
        result.append(CompetencyRef(match.group(1), weight))
        refs.append(Reference("competency", match.group(1), at.line, col))
    return tuple(result)


def _competencies(draft: QuestionDraft, refs: list[Reference]) -> tuple[CompetencyRef, ...]:
    value = draft.fields.get("competencies")
    if value is None:
        return ()
    return parse_competency_list(value.value, value, draft.diagnostics, refs)


def _points(draft: QuestionDraft, default: float) -> float:
    value = draft.fields.get("points")
    if value is None:
        return default
    try:
        points = float(value.value)
    except ValueError:
        draft.error(f'points must be a number, not "{value.value}"', value)
        return default
    if points < 0:
        draft.error("points must not be negative", value)
    return points


def _text(draft: QuestionDraft, name: str) -> str | None:
    value = draft.fields.get(name)
    return value.value if value is not None and value.value else None


def split_sections(tokens: list[Token], level: int, tag: str) -> tuple[list[Token], list[list[Token]]]:
    """Split tokens at headings ``tag`` (e.g. "h2") of the given nesting level: (before, [sections])."""
    starts = [
        i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == tag and t.level == level
    ]
    if not starts:
        return tokens, []
    sections = [tokens[a:b] for a, b in zip(starts, [*starts[1:], len(tokens)], strict=True)]
    return tokens[: starts[0]], sections


def check_unique_ids(questions: list[Question], diagnostics: Diagnostics) -> None:
    seen: dict[str, int] = {}
    for question in questions:
        if question.id in seen:
            diagnostics.error(
                f'duplicate question id "{question.id}" (first used on line {seen[question.id]})',
                question.line,
                1,
            )
        else:
            seen[question.id] = question.line
