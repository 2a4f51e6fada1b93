"""``#`` headings are not allowed in a module body: the title comes from the front matter."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from assessments.diagnostics import Diagnostics
from assessments.markup import file_line


def headings_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("h1_check", _report_h1)


def _report_h1(state: StateCore) -> None:
    diagnostics: Diagnostics | None = state.env.get("diagnostics")
    if diagnostics is None or not state.env.get("forbid_h1"):
        return
    for token in state.tokens:
        if token.type == "heading_open" and token.tag == "h1" and token.map:
            diagnostics.error(
                "a # heading is not allowed in a module",
                file_line(state.env, token.map[0]),
                1,
                hint="the title comes from the front matter; start a page with ##",
            )
