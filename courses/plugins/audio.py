"""``::: audio PATH`` with the transcript as its body (a transcript is required).

The file must be in a format browsers play in an ``<audio>`` element: MP3, AAC (``.m4a``, ``.aac``), Ogg
(``.ogg``, ``.oga``, ``.opus``), WAV, WebM audio (``.weba``) or FLAC.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from assessments.diagnostics import Diagnostics
from assessments.markup import file_line
from courses.plugins.blocks import argument_of as _path
from courses.plugins.blocks import register_block
from courses.plugins.media import is_external, media_type, record, resolve_local

AUDIO_TYPES = frozenset(
    {"audio/mpeg", "audio/mp4", "audio/aac", "audio/ogg", "audio/wav", "audio/webm", "audio/flac"}
)
AUDIO_HINT = "use .mp3, .m4a, .aac, .ogg, .oga, .opus, .wav, .weba or .flac (audio-only .mp4 plays as .m4a)"


def _render(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    if token.nesting == -1:
        return "</div>\n</figure>\n"
    src = escape(_path(token.info))
    return (
        f'<figure class="audio">\n<audio controls preload="none" src="{src}"></audio>\n'
        f'<div class="transcript">\n'
    )


def audio_plugin(md: MarkdownIt) -> None:
    register_block(md, "audio", _render)
    md.core.ruler.push("audio_check", _check_audio)


def _check_audio(state: StateCore) -> None:
    diagnostics: Diagnostics | None = state.env.get("diagnostics")
    if diagnostics is None:
        return
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "container_audio_open" or not token.map:
            continue
        line = file_line(state.env, token.map[0])
        path = _path(token.info)
        close = next(
            i
            for i in range(index + 1, len(tokens))
            if tokens[i].type == "container_audio_close" and tokens[i].level == token.level
        )
        transcript = " ".join(t.content for t in tokens[index + 1 : close] if t.type == "inline").strip()
        if not transcript:
            diagnostics.error(
                "audio without a transcript", line, 1, hint="write the transcript inside the ::: audio block"
            )
        col = state.env["lines"][token.map[0]].find(path) + 1 if path else 1
        if not path:
            diagnostics.error("audio block without a file", line, 1, hint="write ::: audio media/file.mp3")
        elif is_external(path):
            diagnostics.error("audio must be a file in the module's folder", line, col)
        else:
            relative, problem = resolve_local(state.env, path)
            if problem:
                diagnostics.error(problem, line, col)
            elif relative and media_type(relative) not in AUDIO_TYPES:
                message = f'"{path}" is not an audio format browsers play'
                diagnostics.error(message, line, col, hint=AUDIO_HINT)
            elif relative:
                record(state.env, relative, "audio", relative.rsplit("/", 1)[-1], transcript or None)
