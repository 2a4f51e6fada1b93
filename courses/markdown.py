"""The course Markdown parser: js-default (raw HTML off) plus one plugin per piece of course syntax."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt

from assessments.markup import create_markdown
from courses.plugins.audio import audio_plugin
from courses.plugins.blocks import blocks_plugin
from courses.plugins.callouts import callouts_plugin
from courses.plugins.check import check_plugin
from courses.plugins.headings import headings_plugin
from courses.plugins.media import media_plugin

PLUGINS = (blocks_plugin, callouts_plugin, audio_plugin, check_plugin, headings_plugin, media_plugin)


@cache
def course_markdown() -> MarkdownIt:
    """Return the shared parser (markdown-it parsers are reusable; state lives in ``env``)."""
    md = create_markdown(PLUGINS)
    md.options["xhtmlOut"] = False
    return md
