"""What a kind of content (framework, modules, quizzes, the follow-up playbook …) plugs into the build.

A kind finds its source files, compiles each one on its own into a ``Fragment`` (JSON plus what it defines
and references, so that cross-file checks need no recompiling), and publishes changed fragments.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session

from assessments.diagnostics import Diagnostic
from assessments.questions import Reference

HashFile = Callable[[Path], str]


@dataclass(frozen=True, slots=True)
class Source:
    kind: str
    path: Path  # absolute
    relative: str  # posix path relative to the content folder, used in diagnostics and the cache
    text: str
    sha256: str
    content_dir: Path


@dataclass(frozen=True, slots=True)
class Definition:
    """An id a fragment defines (a competency, a module, a quiz), for references and duplicate checks."""

    target: str
    id: str
    line: int
    col: int


@dataclass
class Fragment:
    kind: str
    relative: str
    sha256: str
    item_id: str | None = None
    compiled_json: str | None = None  # None when the file has errors (or was not loaded from the cache)
    content_hash: str | None = None
    summary: dict[str, Any] = field(default_factory=dict)  # title, minutes, version note … for version rows
    definitions: list[Definition] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    deps: dict[str, str] = field(default_factory=dict)  # content-relative media path -> sha256
    diagnostics: list[Diagnostic] = field(default_factory=list)
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        return self.content_hash is not None and not any(d.is_error for d in self.diagnostics)

    def compiled(self) -> dict[str, Any]:
        assert self.compiled_json is not None, "fragment has no compiled data"
        return json.loads(self.compiled_json)


def jsonable(value: Any) -> Any:
    """Return a dataclass tree as plain JSON data (what ``dataclasses.asdict`` gives, without deep copies)."""
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {name: jsonable(getattr(value, name)) for name in fields}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    return value


def freeze(fragment: Fragment, data: dict[str, Any]) -> None:
    """Serialise compiled data canonically and set its content hash."""
    fragment.compiled_json = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    fragment.content_hash = hashlib.sha256(fragment.compiled_json.encode()).hexdigest()


@dataclass
class PublishResult:
    published: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


class ContentKind(Protocol):
    name: str
    required: bool  # a content folder without any file of this kind is an error

    def discover(self, content_dir: Path) -> list[Path]:
        """Return the source files of this kind, sorted."""

    def compile(self, source: Source, hash_file: HashFile) -> Fragment:
        """Compile one file on its own (no database, no other files)."""

    def latest_hashes(self, session: Session) -> dict[str, tuple[int, str]]:
        """Return item id -> (latest version, content hash) of what is published."""

    def publish(
        self, session: Session, fragments: list[Fragment], load_media: Callable[[str], bytes]
    ) -> PublishResult:
        """Publish the fragments whose content changed; flush, never commit."""
