"""``::: tip|warning|script [Title]`` callouts."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from courses.plugins.blocks import Render, argument_of, register_block

CALLOUT_KINDS = ("tip", "warning", "script")


def _render(kind: str) -> Render:
    def render(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        if token.nesting == -1:
            return "</aside>\n"
        title = argument_of(token.info)
        heading = f'<p class="callout-title">{escape(title)}</p>\n' if title else ""
        label = escape(title or kind.title())
        return f'<aside class="callout callout-{kind}" aria-label="{label}">\n{heading}'

    return render


def callouts_plugin(md: MarkdownIt) -> None:
    for kind in CALLOUT_KINDS:
        register_block(md, kind, _render(kind))
