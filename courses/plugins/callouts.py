"""``::: tip|warning|script [Title]`` callouts; any other ``::: kind`` is reported as an error."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from assessments.diagnostics import Diagnostics, did_you_mean
from assessments.markup import file_line

CALLOUT_KINDS = ("tip", "warning", "script")
# Other ::: blocks that have their own plugin; an unknown kind is compared against all of these.
BLOCK_KINDS = (*CALLOUT_KINDS, "audio", "check")


def _kind(params: str) -> str:
    words = params.strip().split(maxsplit=1)
    return words[0] if words else ""


def _title(params: str) -> str:
    words = params.strip().split(maxsplit=1)
    return words[1] if len(words) > 1 else ""


def _render(kind: str):  # noqa: ANN202 - markdown-it render signature
    def render(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        if token.nesting == -1:
            return "</aside>\n"
        title = _title(token.info)
        heading = f'<p class="callout-title">{escape(title)}</p>\n' if title else ""
        return (
            f'<aside class="callout callout-{kind}" aria-label="{escape(title or kind.title())}">\n{heading}'
        )

    return render


def callouts_plugin(md: MarkdownIt) -> None:
    for kind in CALLOUT_KINDS:
        container_plugin(
            md, kind, validate=lambda params, *_, k=kind: _kind(params) == k, render=_render(kind)
        )
    # Registered after every known kind, so that it only catches the unknown ones.
    container_plugin(
        md,
        "unknown_block",
        validate=lambda params, *_: _kind(params) not in ("", *BLOCK_KINDS),
        render=lambda *args: "",
    )
    md.core.ruler.push("unknown_block_check", _report_unknown)
    md.core.ruler.push("unclosed_block_check", _report_unclosed)


def _report_unknown(state: StateCore) -> None:
    diagnostics: Diagnostics | None = state.env.get("diagnostics")
    if diagnostics is None:
        return
    for token in state.tokens:
        if token.type == "container_unknown_block_open" and token.map:
            kind = _kind(token.info)
            line = file_line(state.env, token.map[0])
            col = state.env["lines"][token.map[0]].find(kind) + 1
            diagnostics.error(
                f'unknown block "::: {kind}"',
                line,
                col,
                hint=did_you_mean(kind, BLOCK_KINDS) or f"blocks: {', '.join(BLOCK_KINDS)}",
            )


def _report_unclosed(state: StateCore) -> None:
    # An unclosed ::: block silently swallows the rest of the page: say where it was opened.
    diagnostics: Diagnostics | None = state.env.get("diagnostics")
    if diagnostics is None:
        return
    lines: list[str] = state.env["lines"]
    for token in state.tokens:
        if token.nesting == 1 and token.type.startswith("container_") and token.map:
            end = token.map[1]
            if end >= len(lines) or not lines[end].strip().startswith(token.markup):
                diagnostics.error(
                    f'"{token.markup} {_kind(token.info)}" is not closed',
                    file_line(state.env, token.map[0]),
                    1,
                    hint=f"end the block with a line of {token.markup}",
                )
