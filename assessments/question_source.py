"""Read one question section (heading, field block, Markdown, list) from markdown-it tokens into a draft.

A question type then turns the draft into a ``Question`` (see ``question_types``). The draft keeps source
positions so that every problem is reported at its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from assessments.diagnostics import Diagnostics
from assessments.markup import Env, file_line

FIELD_RE = re.compile(r"^(\s*)([A-Za-z][\w-]*)[ \t]*:(?:[ \t]+(.*)|$)")
ID_SUFFIX_RE = re.compile(r"\s*\{#([^}]*)\}\s*$")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WRAPPING_FIELDS = frozenset({"hint", "feedback", "rubric", "answers"})  # long values may wrap
CHECKBOX_RE = re.compile(r"^\[([ xX])\]\s*")
PINNED_RE = re.compile(r"\s*\{pinned\}\s*$")


@dataclass
class FieldValue:
    value: str
    line: int
    col: int  # where the value starts
    name_col: int = 1  # where the field name starts


@dataclass
class Item:
    """A list item of the question body: a choice, a matching pair, a step or a scale point."""

    text: str  # source text, markers removed
    html: str
    checked: bool | None  # "[x]" True, "[ ]" False, no box None
    pinned: bool
    feedback: str | None
    line: int
    col: int


@dataclass
class QuestionDraft:
    id: str | None
    stem: str
    line: int
    col: int
    fields: dict[str, FieldValue]
    diagnostics: Diagnostics
    md: MarkdownIt
    env: Env
    heading_html: str
    body: list[Token] = field(default_factory=list)
    level: int = 0

    def error(self, message: str, at: FieldValue | Item | None = None, hint: str | None = None) -> None:
        line, col = (at.line, at.col) if at is not None else (self.line, self.col)
        self.diagnostics.error(message, line, col, hint)

    def warning(self, message: str, at: FieldValue | Item | None = None, hint: str | None = None) -> None:
        line, col = (at.line, at.col) if at is not None else (self.line, self.col)
        self.diagnostics.warning(message, line, col, hint)

    def take_list(self, kind: str) -> list[Item] | None:
        """Remove the last top-level list of this kind ("bullet" or "ordered"); return its items."""
        open_type, close_type = f"{kind}_list_open", f"{kind}_list_close"
        start = next(
            (
                i
                for i in range(len(self.body) - 1, -1, -1)
                if self.body[i].type == open_type and self.body[i].level == self.level
            ),
            None,
        )
        if start is None:
            return None
        end = next(
            i
            for i in range(start + 1, len(self.body))
            if self.body[i].type == close_type and self.body[i].level == self.level
        )
        list_tokens = self.body[start : end + 1]
        del self.body[start : end + 1]
        return _read_items(list_tokens, self.level + 1, self.md, self.env)

    def render_stem(self) -> str:
        rest = self.md.renderer.render(self.body, self.md.options, self.env) if self.body else ""
        return f'<p class="question-stem">{self.heading_html}</p>\n{rest}'

    def render_inline(self, text: str) -> str:
        return self.md.renderInline(text, self.env)


def read_draft(tokens: list[Token], md: MarkdownIt, env: Env, diagnostics: Diagnostics) -> QuestionDraft:
    """Read a section that starts with its heading (heading_open, inline, heading_close, body …)."""
    heading, inline = tokens[0], tokens[1]
    lines: list[str] = env["lines"]
    start = heading.map[0] if heading.map else 0
    line, col = file_line(env, start), _indent(lines[start]) + 1 if start < len(lines) else 1
    content = inline.content
    question_id: str | None = None
    match = ID_SUFFIX_RE.search(content)
    if match:
        question_id = match.group(1).strip()
        content = content[: match.start()]
        _strip_suffix(inline.children or [], ID_SUFFIX_RE)
        if not ID_RE.match(question_id):
            id_col = lines[start].find("{#") + 1 if start < len(lines) else col
            diagnostics.error(
                f'invalid question id "{question_id}"',
                line,
                id_col,
                hint="use lowercase letters, digits and hyphens, e.g. {#greeting-order}",
            )
    heading_html = _renderer(md).renderInline(inline.children or [], md.options, env)
    draft = QuestionDraft(
        question_id,
        content.strip(),
        line,
        col,
        {},
        diagnostics,
        md,
        env,
        heading_html,
        list(tokens[3:]),
        heading.level,
    )
    _read_fields(draft, heading, lines)
    return draft


def _read_fields(draft: QuestionDraft, heading: Token, lines: list[str]) -> None:
    body = draft.body
    if len(body) < 3 or body[0].type != "paragraph_open" or not body[0].map or not heading.map:
        return
    first, end = body[0].map
    if first != heading.map[1] or not FIELD_RE.match(lines[first]):
        return
    current: FieldValue | None = None
    name = ""
    for index in range(first, end):
        text = lines[index]
        match = FIELD_RE.match(text)
        if match:
            name = match.group(2).lower()
            value_col = (match.start(3) if match.group(3) is not None else len(text)) + 1
            current = FieldValue(
                (match.group(3) or "").strip(), file_line(draft.env, index), value_col, match.start(2) + 1
            )
            if name in draft.fields:
                draft.error(f'duplicate field "{name}"', current)
            draft.fields[name] = current
        elif current is not None and name in WRAPPING_FIELDS:  # a long value wrapped onto the next line
            current.value = f"{current.value} {text.strip()}".strip()
        else:
            draft.diagnostics.error(
                f'"{text.strip()[:40]}" is not a "name: value" field',
                file_line(draft.env, index),
                _indent(text) + 1,
                hint="leave a blank line between the fields and the rest of the question",
            )
    del body[0:3]


def _read_items(tokens: list[Token], item_level: int, md: MarkdownIt, env: Env) -> list[Item]:
    items: list[Item] = []
    lines: list[str] = env["lines"]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "list_item_open" and token.level == item_level:
            close = next(
                i
                for i in range(index + 1, len(tokens))
                if tokens[i].type == "list_item_close" and tokens[i].level == item_level
            )
            items.append(_read_item(tokens[index:close], md, env, lines))
            index = close
        index += 1
    return items


def _read_item(tokens: list[Token], md: MarkdownIt, env: Env, lines: list[str]) -> Item:
    item = tokens[0]
    start = item.map[0] if item.map else 0
    inline = next((t for t in tokens if t.type == "inline" and t.level == item.level + 2), None)
    line = file_line(env, start)
    if inline is None:
        return Item("", "", None, False, None, line, len(lines[start]) + 1 if start < len(lines) else 1)
    children = list(inline.children or [])
    text = inline.content.replace("\n", " ").strip()
    checked: bool | None = None
    box = CHECKBOX_RE.match(text)
    if box:
        checked = box.group(1) != " "
        text = text[box.end() :]
        _strip_prefix(children, CHECKBOX_RE)
    pinned = bool(PINNED_RE.search(text))
    if pinned:
        text = PINNED_RE.sub("", text)
        _strip_suffix(children, PINNED_RE)
    source = lines[start] if start < len(lines) else ""
    col = source.find(text[:20]) + 1 if text else len(source) + 1
    html = _renderer(md).renderInline(children, md.options, env)
    return Item(text.strip(), html, checked, pinned, _quote_text(tokens), line, max(col, 1))


def _quote_text(tokens: list[Token]) -> str | None:
    opened = next((i for i, t in enumerate(tokens) if t.type == "blockquote_open"), None)
    if opened is None:
        return None
    parts = [t.content.replace("\n", " ") for t in tokens[opened:] if t.type == "inline"]
    return " ".join(parts).strip() or None


def _strip_prefix(children: list[Token], pattern: re.Pattern[str]) -> None:
    first = next((c for c in children if c.type == "text"), None)
    if first is not None:
        first.content = pattern.sub("", first.content, count=1)


def _strip_suffix(children: list[Token], pattern: re.Pattern[str]) -> None:
    last = next((c for c in reversed(children) if c.type == "text"), None)
    if last is not None:
        last.content = pattern.sub("", last.content, count=1)


def _renderer(md: MarkdownIt) -> RendererHTML:
    return cast(RendererHTML, md.renderer)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def slug(text: str, words: int = 4) -> str:
    """Return a lowercase-with-hyphens id from the first words of a text."""
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:words]) or "question"
