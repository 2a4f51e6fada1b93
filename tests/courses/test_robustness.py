"""Whatever an author writes, the compiler answers with diagnostics, never an exception."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments import parse_quiz
from courses.compiler import compile_module

FIXTURES = Path(__file__).parent / "fixtures"
MODULE_DIR = FIXTURES / "valid" / "modules" / "listening"

PIECES = [
    "---\n",
    "id: m\n",
    "title: T\n",
    "summary: S\n",
    "minutes: 5\n",
    "competencies: [empathy]\n",
    "quiz: q\n",
    "competencies: empathy*2, x\n",
    "pools:\n  - draw: 2\n    from: [a, b]\n",
    "pass_mark: 80\n",
    "## Page {#a}\n",
    "## \n",
    "# Title\n",
    "### Sub {#b}\n",
    "type: single\n",
    "type: matching\n",
    "type: ordering\n",
    "type: numeric\n",
    "type: fill-in\n",
    "type: essay\n",
    "type: likert\n",
    "type: true-false\n",
    "type: multiple\n",
    "answer: true\n",
    "answer: 4\n",
    "range: 3..1\n",
    "answers: a, b\n",
    "pattern: (\n",
    "words: 1..2\n",
    "partial: maybe\n",
    "points: -1\n",
    "- [x] Right\n",
    "- [ ] Wrong {pinned}\n",
    "  > feedback\n",
    "- A -> B\n",
    "- -> C\n",
    "1. One\n",
    "2. Two\n",
    "::: tip Title\n",
    "::: warning\n",
    "::: script\n",
    "::: audio media/call.mp3\n",
    "::: audio\n",
    "::: check\n",
    "::: nonsense\n",
    ":::\n",
    "::::\n",
    "\n",
    "Text with *emphasis* and `code`.\n",
    "<div>html</div>\n",
    "Inline <b>html</b>\n",
    "![alt](media/loop.svg)\n",
    "![](media/none.png)\n",
    "[link](../../x)\n",
    "[link](/abs)\n",
    "[ext](https://example.com)\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "    indented code\n",
    "```\nfenced <b>\n```\n",
    "> quote\n",
    "\t- tabbed\n",
    "\\<b>\n",
    "{#id}\n",
]


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=texts)
def test_module_compiler_never_raises(body: str) -> None:
    for text in (body, "---\nid: m\ntitle: T\nsummary: S\nminutes: 5\ncompetencies: [e]\n---\n" + body):
        result = compile_module(text, "m.md", module_dir=MODULE_DIR, hash_file=_hash)
        assert (result.module is None) == any(d.is_error for d in result.diagnostics)
        assert all(d.line >= 1 and d.col >= 1 for d in result.diagnostics)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=texts)
def test_quiz_parser_never_raises(body: str) -> None:
    for text in (body, "---\nid: q\ntitle: T\ncompetencies: [e]\n---\n" + body):
        result = parse_quiz(text, "q.md")
        assert (result.quiz is None) == any(d.is_error for d in result.diagnostics)
        assert all(d.line >= 1 and d.col >= 1 for d in result.diagnostics)
