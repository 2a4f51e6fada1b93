"""Compile a module file (front matter + Markdown) into a ``Module``: pages split at ``##``, checks, media."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from assessments.diagnostics import Diagnostic, Diagnostics
from assessments.markup import Env, file_line, new_env
from assessments.model import CompetencyRef
from assessments.questions import Reference, check_unique_ids, split_sections
from assessments.schema import Field, check_front_matter
from courses.frontmatter import split
from courses.markdown import course_markdown
from courses.model import Media, Module, Page
from courses.plugins.media import media_type
from courses.words import count_words

MAX_PAGE_WORDS = 400
MODULE_FIELDS: dict[str, Field] = {
    "id": Field("id", required=True),
    "title": Field("text", required=True),
    "version": Field("text"),
    "summary": Field("text", required=True),
    "minutes": Field("int", required=True, minimum=1, maximum=120),
    "competencies": Field("ids", required=True, non_empty=True),
    "audience": Field("texts"),
    "keywords": Field("texts"),
    "quiz": Field("id"),
    "require_quiz": Field("bool"),
}
HashFile = Callable[[Path], str]


@dataclass
class CompiledModule:
    module: Module | None
    diagnostics: list[Diagnostic]
    references: list[Reference] = field(default_factory=list)
    media_files: dict[str, Path] = field(default_factory=dict)  # module-relative path -> file
    id_position: tuple[int, int] = (1, 1)
    module_id: str | None = None  # set whenever the front matter names a valid id, even with other errors


def compile_module(
    text: str, path: str, *, module_dir: Path, hash_file: HashFile, md: MarkdownIt | None = None
) -> CompiledModule:
    """Compile one module file; the module is None when there are errors."""
    md = md or course_markdown()
    diagnostics = Diagnostics(path)
    document = split(text)
    if document.error:
        message, at = document.error
        diagnostics.error(message, at.line, at.col)
        return CompiledModule(None, diagnostics.items)
    front = document.front_matter
    assert front is not None
    values = check_front_matter(front, MODULE_FIELDS, diagnostics)
    references: list[Reference] = []
    for index, competency in enumerate(values.get("competencies", [])):
        at = front.item_at("competencies", index)
        references.append(Reference("competency", competency, at.line, at.col))
    if "quiz" in values:
        at = front.at("quiz")
        references.append(Reference("quiz", values["quiz"], at.line, at.col))
    env = new_env(
        diagnostics,
        document.body,
        document.body_line,
        module_dir=module_dir,
        forbid_h1=True,
        default_competencies=tuple(CompetencyRef(c) for c in values.get("competencies", [])),
        elearn_references=references,
    )
    tokens = md.parse(document.body, env)
    pages = _pages(tokens, md, env, diagnostics, str(values.get("title", "")))
    if not pages:
        diagnostics.error("the module has no content", front.start.line, 1)
    checks = env.get("checks", [])
    check_unique_ids(checks, diagnostics)
    if "quiz" not in values and "id" in values:
        at = front.keys.get("id", front.start)
        diagnostics.warning(
            "module has no quiz", at.line, at.col, hint='add "quiz: QUIZ-ID" to the front matter'
        )
    if values.get("require_quiz") and "quiz" not in values:
        at = front.at("require_quiz")
        diagnostics.error("require_quiz needs a quiz", at.line, at.col, hint='add "quiz: QUIZ-ID"')
    media_files = {rel: (module_dir / rel) for rel in env.get("media", {})}
    id_at = front.at("id")
    if diagnostics.has_errors:
        return CompiledModule(
            None, diagnostics.items, references, media_files, (id_at.line, id_at.col), values.get("id")
        )
    media = tuple(
        _media(rel, spec, media_files[rel], hash_file) for rel, spec in sorted(env.get("media", {}).items())
    )
    module = Module(
        id=values["id"],
        title=str(values["title"]),
        summary=str(values["summary"]),
        minutes=values["minutes"],
        competencies=tuple(values["competencies"]),
        pages=tuple(pages),
        version_note=str(values.get("version", "")),
        audience=tuple(values.get("audience", ())),
        keywords=tuple(values.get("keywords", ())),
        quiz_id=values.get("quiz"),
        requires_quiz_pass=bool(values.get("require_quiz", "quiz" in values)) and "quiz" in values,
        checks=tuple(checks),
        media=media,
    )
    return CompiledModule(
        module, diagnostics.items, references, media_files, (id_at.line, id_at.col), module.id
    )


def _pages(tokens: list[Token], md: MarkdownIt, env: Env, diagnostics: Diagnostics, title: str) -> list[Page]:
    intro, sections = split_sections(tokens, 0, "h2")
    parts: list[tuple[str, int, list[Token]]] = []
    if intro:
        parts.append(("Introduction", 1, intro))
    for section in sections:
        heading = section[0]
        line = file_line(env, heading.map[0]) if heading.map else 1
        parts.append((section[1].content.strip(), line, section[3:]))
    pages: list[Page] = []
    slugs: set[str] = set()
    for index, (page_title, line, body) in enumerate(parts):
        html = md.renderer.render(body, md.options, env)
        words = count_words(html)
        if words > MAX_PAGE_WORDS:
            diagnostics.warning(
                f'page "{page_title}" has {words} words (more than {MAX_PAGE_WORDS})',
                line,
                1,
                hint="split it with another ## heading: pages are read between calls",
            )
        checks = tuple(t.meta["check_id"] for t in body if t.type == "html_block" and t.meta.get("check_id"))
        pages.append(Page(index, _unique(_slug(page_title), slugs), page_title, html, words, checks))
    return pages


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:8]) or "page"


def _unique(slug: str, seen: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in seen:
        candidate, number = f"{slug}-{number}", number + 1
    seen.add(candidate)
    return candidate


def _media(relative: str, spec: tuple[str, str, str | None], path: Path, hash_file: HashFile) -> Media:
    kind, alt, transcript = spec
    return Media(relative, kind, alt, transcript, hash_file(path), media_type(relative))
