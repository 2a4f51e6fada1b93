"""``::: kind …`` blocks: one container rule for every kind, then each block is typed by its kind.

markdown-it-py's container plugin adds one block rule per name, and every rule runs on every line; a single
rule keeps the cost of the course syntax flat however many kinds there are. After parsing, a block of a
known kind becomes ``container_<kind>_open``/``_close`` (rendered by that kind's plugin); any other kind
becomes ``container_unknown_block_open`` and is reported as an error, as is a block that is never closed.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.container import container_plugin

from assessments.diagnostics import Diagnostics, did_you_mean
from assessments.markup import file_line

BLOCK_KINDS = ("tip", "warning", "script", "audio", "check")
UNKNOWN = "unknown_block"
Render = Callable[..., str]


def kind_of(params: str) -> str:
    words = params.strip().split(maxsplit=1)
    return words[0] if words else ""


def argument_of(params: str) -> str:
    """Return what follows the kind: a callout's title, an audio block's path."""
    words = params.strip().split(maxsplit=1)
    return words[1].strip() if len(words) > 1 else ""


def blocks_plugin(md: MarkdownIt) -> None:
    container_plugin(md, "block", validate=lambda params, *_: bool(kind_of(params)), render=lambda *a: "")
    md.add_render_rule(f"container_{UNKNOWN}_open", lambda *args: "")
    md.add_render_rule(f"container_{UNKNOWN}_close", lambda *args: "")
    md.core.ruler.after("block", "classify_blocks", _classify)
    md.core.ruler.push("check_blocks", _report)


def register_block(md: MarkdownIt, kind: str, render: Render) -> None:
    """Render blocks of a kind (one of BLOCK_KINDS) with ``render``."""
    md.add_render_rule(f"container_{kind}_open", render)
    md.add_render_rule(f"container_{kind}_close", render)


def _classify(state: StateCore) -> None:
    opened: list[str] = []
    for token in state.tokens:
        if token.type == "container_block_open":
            kind = kind_of(token.info)
            name = kind if kind in BLOCK_KINDS else UNKNOWN
            opened.append(name)
            token.type = f"container_{name}_open"
        elif token.type == "container_block_close":
            token.type = f"container_{opened.pop()}_close"


def _report(state: StateCore) -> None:
    diagnostics: Diagnostics | None = state.env.get("diagnostics")
    if diagnostics is None:
        return
    lines: list[str] = state.env["lines"]
    for token in state.tokens:
        if token.nesting != 1 or not token.type.startswith("container_") or not token.map:
            continue
        line, kind = file_line(state.env, token.map[0]), kind_of(token.info)
        if token.type == f"container_{UNKNOWN}_open":
            diagnostics.error(
                f'unknown block "{token.markup} {kind}"',
                line,
                lines[token.map[0]].find(kind) + 1,
                hint=did_you_mean(kind, BLOCK_KINDS) or f"blocks: {', '.join(BLOCK_KINDS)}",
            )
        end = token.map[1]
        # An unclosed block silently swallows the rest of the page: say where it was opened.
        if end >= len(lines) or not lines[end].strip().startswith(token.markup):
            diagnostics.error(
                f'"{token.markup} {kind}" is not closed',
                line,
                1,
                hint=f"end the block with a line of {token.markup}",
            )
