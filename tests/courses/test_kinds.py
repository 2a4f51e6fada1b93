"""The registry of content kinds: a new kind gets discovery, diagnostics, cross-references and the cache."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from assessments.questions import Reference
from courses import CONTENT_KINDS, build_content, register_kind
from courses.kinds import Definition, Fragment, PublishResult, Source, freeze


class NotesKind:
    """Plain-text notes, ``notes/NAME.txt``: the first line names a competency."""

    name = "notes"
    required = False

    def __init__(self) -> None:
        self.published: list[str] = []
        self.store: dict[str, tuple[int, str]] = {}  # a real kind keeps its versions in a table

    def discover(self, content_dir: Path) -> list[Path]:
        return sorted((content_dir / "notes").glob("*.txt"))

    def compile(self, source: Source, hash_file: Callable[[Path], str]) -> Fragment:
        competency = source.text.splitlines()[0].strip()
        fragment = Fragment(self.name, source.relative, source.sha256, item_id=Path(source.relative).stem)
        fragment.references = [Reference("competency", competency, 1, 1)]
        fragment.definitions = [Definition("note", fragment.item_id or "", 1, 1)]
        freeze(fragment, {"competency": competency, "text": source.text})
        return fragment

    def latest_hashes(self, session: Session) -> dict[str, tuple[int, str]]:
        return dict(self.store)

    def publish(
        self, session: Session, fragments: list[Fragment], load_media: Callable[[str], bytes]
    ) -> PublishResult:
        changed = [f for f in fragments if self.store.get(f.item_id or "", (0, ""))[1] != f.content_hash]
        for fragment in changed:
            self.store[fragment.item_id or ""] = (1, fragment.content_hash or "")
        self.published += [f.item_id or "" for f in changed]
        return PublishResult(published=[f"note {f.item_id} v1" for f in changed])


@pytest.fixture
def notes() -> Iterator[NotesKind]:
    kind = NotesKind()
    register_kind(kind)
    yield kind
    del CONTENT_KINDS[kind.name]


def test_a_registered_kind_is_compiled_checked_and_published(
    db: Session, content: Path, notes: NotesKind
) -> None:
    (content / "notes").mkdir()
    (content / "notes" / "tone.txt").write_text("empathy\nSoften your tone.\n")
    report = build_content(db, content)
    assert report.ok and "note tone v1" in report.published and notes.published == ["tone"]
    assert "notes/tone.txt" in report.recompiled
    assert "notes/tone.txt" not in build_content(db, content).recompiled  # cached like every other file


def test_a_registered_kind_reports_through_the_same_diagnostics(
    db: Session, content: Path, notes: NotesKind
) -> None:
    (content / "notes").mkdir()
    (content / "notes" / "tone.txt").write_text("empathie\nSoften your tone.\n")
    report = build_content(db, content)
    assert not report.ok and notes.published == []
    [error] = report.errors
    assert (
        error.format() == f'{content}/notes/tone.txt:1:1: error: unknown competency "empathie"\n'
        '  hint: did you mean "empathy"?'
    )
