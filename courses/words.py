"""Counting the words a reader sees on a page: the rendered text, without markup, URLs or attributes."""

from __future__ import annotations

from html.parser import HTMLParser

# Tags that sit inside a line of text: "<strong>bo</strong>ld" is one word. Any other tag (a paragraph, a
# table cell, a line break) separates the words on either side of it.
INLINE_TAGS = frozenset({"a", "abbr", "b", "code", "del", "em", "i", "ins", "mark", "s", "span", "strong"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def count_words(html: str) -> int:
    """Count the words of rendered HTML: text only, and only runs that hold a letter or a digit."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    text = "".join(collector.parts)
    return sum(1 for word in text.split() if any(char.isalnum() for char in word))
