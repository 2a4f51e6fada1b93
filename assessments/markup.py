"""The Markdown parser shared by quizzes and modules: markdown-it-py's ``js-default`` preset (raw HTML off).

Raw HTML in the source is reported as an error (with its position) instead of being silently escaped.
Rules report through ``env["diagnostics"]`` (a ``Diagnostics``) and map token lines to file lines with
``env["line_offset"]`` (the 0-based line of the body in the file) and ``env["lines"]`` (the body's lines).
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from assessments.diagnostics import Diagnostics

Plugin = Callable[[MarkdownIt], None]
Env = MutableMapping[str, Any]  # markdown-it's env: diagnostics, line offset, lines, collected data
_HTML_RE = re.compile(HTML_TAG_RE.pattern)


def create_markdown(plugins: tuple[Plugin, ...] = ()) -> MarkdownIt:
    """Return a js-default parser with the raw-HTML check and the given plugins."""
    md = MarkdownIt("js-default")
    raw_html_plugin(md)
    for plugin in plugins:
        plugin(md)
    return md


def new_env(diagnostics: Diagnostics, body: str, line_offset: int, **extra: Any) -> Env:
    return {"diagnostics": diagnostics, "line_offset": line_offset, "lines": body.split("\n"), **extra}


def file_line(env: Env, token_line: int) -> int:
    """Turn a 0-based body line (``token.map[0]``) into a 1-based file line."""
    return env["line_offset"] + token_line + 1


def locate(env: Env, token: Token, needle: str) -> tuple[int, int]:
    """Return the file (line, col) of ``needle`` within the lines of a block token (its start if absent)."""
    start, end = token.map or (0, 1)
    lines: list[str] = env["lines"]
    for index in range(start, min(end, len(lines))):
        col = lines[index].find(needle)
        if col >= 0:
            return file_line(env, index), col + 1
    return file_line(env, start), 1


def raw_html_plugin(md: MarkdownIt) -> None:
    # Before text_join, escaped characters (\<) are still separate tokens, so they are not reported.
    md.core.ruler.before("text_join", "raw_html_check", _report_raw_html)


def _report_raw_html(state: StateCore) -> None:
    diagnostics: Diagnostics | None = state.env.get("diagnostics")
    if diagnostics is None:
        return
    for token in state.tokens:
        if token.type != "inline" or "<" not in token.content:
            continue
        for child in token.children or ():
            if child.type == "text" and "<" in child.content:
                for match in _HTML_RE.finditer(child.content):
                    line, col = locate(state.env, token, match.group(0))
                    diagnostics.error(
                        f"raw HTML is not allowed: {match.group(0)[:40]}",
                        line,
                        col,
                        hint="use Markdown instead, or write \\< for a literal <",
                    )
