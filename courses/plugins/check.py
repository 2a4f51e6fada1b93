"""``::: check`` knowledge checks: a question (``###`` stem) inside a page, replaced by a placeholder.

The page HTML gets ``<div class="knowledge-check" data-check-id="ID"></div>`` where the check stands; the
question itself goes to ``Module.checks``.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from assessments.diagnostics import Diagnostics
from assessments.markup import file_line
from assessments.questions import parse_question
from courses.plugins.blocks import register_block


def check_plugin(md: MarkdownIt) -> None:
    register_block(md, "check", lambda *args: "")
    md.core.ruler.push("knowledge_checks", _compile_checks)


def placeholder(check_id: str) -> str:
    return f'<div class="knowledge-check" data-check-id="{escape(check_id)}"></div>\n'


def _compile_checks(state: StateCore) -> None:
    diagnostics: Diagnostics | None = state.env.get("diagnostics")
    if diagnostics is None:
        return
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "container_check_open":
            index += 1
            continue
        close = next(
            i
            for i in range(index + 1, len(tokens))
            if tokens[i].type == "container_check_close" and tokens[i].level == token.level
        )
        inner = tokens[index + 1 : close]
        replacement = Token("html_block", "", 0, map=token.map, level=token.level)
        if not inner or inner[0].type != "heading_open" or inner[0].tag != "h3":
            line = file_line(state.env, token.map[0] if token.map else 0)
            diagnostics.error(
                "a knowledge check must start with a ### heading (the question)",
                line,
                1,
                hint="write '### Question? {#id}' right after '::: check'",
            )
        else:
            question = parse_question(
                inner,
                state.md,
                state.env,
                diagnostics,
                default_competencies=state.env.get("default_competencies", ()),
            )
            if question is not None:
                state.env.setdefault("checks", []).append(question)
                replacement.content = placeholder(question.id)
                replacement.meta = {"check_id": question.id}
        tokens[index : close + 1] = [replacement]
        index += 1
