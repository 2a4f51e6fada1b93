"""The module compiler: pages, callouts, audio, knowledge checks, media, warnings and error positions."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from courses.compiler import CompiledModule, compile_module

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "---\nid: m\ntitle: A module\nsummary: S.\nminutes: 5\ncompetencies: [empathy]\nquiz: q\n---\n"
# The body starts on line 9.


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compile_text(text: str, module_dir: Path | None = None) -> CompiledModule:
    folder = module_dir or FIXTURES / "valid" / "modules" / "listening"
    return compile_module(text, "m.md", module_dir=folder, hash_file=_hash)


def test_pages_split_at_level_two_headings() -> None:
    path = FIXTURES / "valid" / "modules" / "greeting.md"
    result = compile_module(path.read_text(), "greeting.md", module_dir=path.parent, hash_file=_hash)
    module = result.module
    assert module is not None, [d.format() for d in result.diagnostics]
    assert [(p.index, p.slug, p.title) for p in module.pages] == [
        (0, "introduction", "Introduction"),
        (1, "why-it-matters", "Why it matters"),
        (2, "three-parts", "Three parts"),
    ]
    assert module.pages[0].words == 5
    why = module.pages[1].html
    assert '<aside class="callout callout-tip" aria-label="Smile">' in why
    assert '<p class="callout-title">Smile</p>' in why
    assert '<aside class="callout callout-warning" aria-label="Warning">' in why
    assert '<aside class="callout callout-script" aria-label="Example opening">' in why
    assert '<a href="https://example.com/guide">the guide</a>' in why
    assert "<h2>" not in why  # the page title is not repeated in its body
    three = module.pages[2]
    assert "<table>" in three.html
    assert three.check_ids == ("first-words",)
    assert '<div class="knowledge-check" data-check-id="first-words"></div>' in three.html
    assert "The account number" not in three.html  # the check is rendered by the player, not inline
    check = module.checks[0]
    assert (check.id, check.type, [c.correct for c in check.choices]) == (
        "first-words",
        "single",
        [False, True],
    )
    assert [c.id for c in check.competencies] == ["call-opening"]  # inherited from the module


def test_audio_and_images() -> None:
    path = FIXTURES / "valid" / "modules" / "listening" / "module.md"
    module = compile_module(path.read_text(), "module.md", module_dir=path.parent, hash_file=_hash).module
    assert module is not None
    html = module.pages[0].html
    assert '<img src="media/loop.svg" alt="The listening loop">' in html
    assert '<audio controls preload="none" src="media/call.mp3"></audio>' in html
    assert '<div class="transcript">\n<p><strong>Caller:</strong> My bill doubled.</p>' in html
    assert {m.path: m.media_type for m in module.media} == {
        "media/call.mp3": "audio/mpeg",
        "media/call.txt": "text/plain",
        "media/loop.svg": "image/svg+xml",
    }


def test_audio_formats_browsers_play(tmp_path: Path) -> None:
    names = ["a.mp3", "b.M4A", "c.aac", "d.ogg", "e.oga", "f.opus", "g.wav", "h.weba", "i.flac"]
    (tmp_path / "media").mkdir()
    body = ""
    for name in names:
        (tmp_path / "media" / name).write_bytes(b"audio")
        body += f"::: audio media/{name}\nTranscript.\n:::\n\n"
    result = compile_text(HEADER + body, tmp_path)
    assert result.module is not None, [d.format() for d in result.diagnostics]
    assert [(m.kind, m.media_type) for m in result.module.media] == [
        ("audio", "audio/mpeg"),
        ("audio", "audio/mp4"),
        ("audio", "audio/aac"),
        ("audio", "audio/ogg"),
        ("audio", "audio/ogg"),
        ("audio", "audio/ogg"),
        ("audio", "audio/wav"),
        ("audio", "audio/webm"),
        ("audio", "audio/flac"),
    ]


def test_no_quiz_and_long_pages_are_warnings() -> None:
    text = HEADER.replace("quiz: q\n", "") + "## Long\n\n" + "word " * 401 + "\n"
    result = compile_text(text)
    assert result.module is not None
    assert sorted(d.format().splitlines()[0] for d in result.diagnostics) == [
        "m.md:2:1: warning: module has no quiz",
        'm.md:8:1: warning: page "Long" has 401 words (more than 400)',
    ]


def test_page_words_count_the_rendered_text_not_the_source() -> None:
    body = (
        "## Counted\n\n"
        'Callers **de**cide in [ten seconds](https://example.com/a/long/path "A title").\n\n'
        "![A headset resting on a desk](media/loop.svg)\n\n"
        "| Step | Say |\n|---|---|\n| 1 | Hello&nbsp;there |\n\n"
        "- one — two\n\n"
        "::: tip Smile first\nCallers hear it.\n:::\n"
    )
    module = compile_text(HEADER + body).module
    assert module is not None
    # "Callers decide in ten seconds." 5, the image 0 (its alt text is an attribute), the table 5, the list
    # 2 (a lone dash is no word), the callout's title 2 and its text 3; the source has 23 words.
    assert module.pages[0].words == 17


def test_a_long_page_is_measured_without_its_urls() -> None:
    link = '[guide](https://example.com/a/very/long/address "The guide")'
    text = HEADER + "## Links\n\n" + " ".join([link] * 201) + "\n"
    result = compile_text(text)
    assert result.module is not None and result.module.pages[0].words == 201
    assert not result.diagnostics  # 201 rendered words; the source has three per link, 603


# (body, expected first diagnostic "line:col: severity: message")
CASES = [
    ("# Title\n", "9:1: error: a # heading is not allowed in a module"),
    ("Some <span>html</span>.\n", "9:6: error: raw HTML is not allowed: <span>"),
    ("<div>\nblock\n</div>\n", "9:1: error: raw HTML is not allowed: <div>"),
    (
        "Fine: `<b>` in code and \\<b> escaped.\n\n::: callout\nx\n:::\n",
        '11:5: error: unknown block "::: callout"',
    ),
    ("Text.\n\n![](media/loop.svg)\n", "11:1: error: image without alt text"),
    ("Text.\n\n![Loop](media/gone.svg)\n", '11:9: error: missing file "media/gone.svg"'),
    (
        "Read [this](../listening/../../x.md).\n",
        '9:13: error: "../listening/../../x.md" leaves the module\'s folder',
    ),
    ("Read [this](/etc/passwd).\n", '9:13: error: "/etc/passwd" is an absolute path'),
    ("::: audio media/call.mp3\n:::\n", "9:1: error: audio without a transcript"),
    ("::: audio\nTranscript.\n:::\n", "9:1: error: audio block without a file"),
    (
        "::: audio media/call.txt\nTranscript.\n:::\n",
        '9:11: error: "media/call.txt" is not an audio format browsers play',
    ),
    ("::: audio https://example.com/a.mp3\nT.\n:::\n", "9:11: error: audio must be a file in the module's"),
    ("::: check\nNo heading.\n:::\n", "9:1: error: a knowledge check must start with a ### heading"),
    (
        "::: check\n### Q {#a}\ntype: true-false\nanswer: true\n:::\n\n"
        "::: check\n### R {#a}\ntype: true-false\n"
        "answer: false\n:::\n",
        '16:1: error: duplicate question id "a"',
    ),
    ("", "1:1: error: the module has no content"),
    ("Text.\n\n::: tip Unclosed\nThe rest of the page.\n\n## Next\n", '11:1: error: "::: tip" is not closed'),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_error_positions(body: str, expected: str) -> None:
    result = compile_text(HEADER + body)
    errors = [d.format().splitlines()[0] for d in result.diagnostics if d.is_error]
    assert errors and errors[0].startswith(f"m.md:{expected}"), errors
    assert result.module is None


# (front matter replacement, expected diagnostic)
FRONT_MATTER = [
    (("minutes: 5", "minutes: 0"), "5:10: error: minutes must be at least 1"),
    (("minutes: 5", "minutes: soon"), "5:10: error: minutes must be a whole number"),
    (("id: m", "id: My Module"), "2:5: error: id must be an id"),
    (("title: A module\n", ""), '1:1: error: missing required field "title"'),
    (("competencies: [empathy]", "competencies: []"), "6:15: error: competencies must not be empty"),
    (("quiz: q", "quizz: q"), '7:1: error: unknown field "quizz"'),
    (("quiz: q", "require_quiz: true"), "7:15: error: require_quiz needs a quiz"),
    (("---\nid", "id"), "1:1: error: the file must start with front matter"),
]


@pytest.mark.parametrize(("replace", "expected"), FRONT_MATTER)
def test_front_matter_errors(replace: tuple[str, str], expected: str) -> None:
    result = compile_text(HEADER.replace(*replace) + "## Page\n\nText.\n")
    formatted = [d.format().splitlines()[0] for d in result.diagnostics]
    assert f"m.md:{expected}" in [line[: len(expected) + 5] for line in formatted], formatted
    assert result.module is None


def test_unknown_field_hint() -> None:
    result = compile_text(HEADER.replace("quiz: q", "quizz: q") + "Text.\n")
    assert result.diagnostics[0].hint == 'did you mean "quiz"?'


def test_nothing_the_author_writes_reaches_the_page_as_markup() -> None:
    body = (
        '## Page\n\n::: tip "><script>alert(1)</script>\nText.\n:::\n\n'
        '[click](javascript:alert(1))\n\n::: audio media/call.mp3?a="><b>\nTranscript.\n:::\n'
    )
    result = compile_text(HEADER + body)
    html = "".join(page.html for page in result.module.pages) if result.module else ""
    assert result.module is not None, [d.format() for d in result.diagnostics]
    assert "<script>" not in html and 'href="javascript' not in html and '"><b>' not in html
    assert "&lt;script&gt;" in html
