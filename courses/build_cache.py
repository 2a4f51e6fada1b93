"""The build cache: what the last successful build knew about each source file.

A file is compiled again only when its bytes, one of its media files or the compiler itself changed; the
compiler is identified by a fingerprint of its code, so a deploy with a new compiler rebuilds everything.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from assessments.diagnostics import Diagnostic
from assessments.questions import Reference
from courses.kinds import Definition, Fragment
from courses.store import BuildCacheEntry

# Modules whose code decides what a file compiles to: a change to any of them invalidates the build cache.
_COMPILER_PACKAGES = ("courses", "assessments", "markdown_it", "mdit_py_plugins")
_COMPILER_MODULES = {
    "courses": (
        "compiler.py",
        "framework.py",
        "markdown.py",
        "model.py",
        "playbook.py",
        "words.py",
        "plugins",
        "kinds",
    ),
    "assessments": (
        "frontmatter.py",
        "markup.py",
        "model.py",
        "question_source.py",
        "question_types",
        "questions.py",
        "quiz_format.py",
        "schema.py",
    ),
}


def _compiler_fingerprint() -> str:
    """Return a short hash of the compiler's code and of the Markdown libraries' versions."""
    digest = hashlib.sha256()
    for package in _COMPILER_PACKAGES:
        module = import_module(package)
        digest.update(f"{package}={getattr(module, '__version__', '')}".encode())
        folder = Path(module.__file__ or "").parent
        for name in _COMPILER_MODULES.get(package, ()):
            paths = [folder / name] if name.endswith(".py") else sorted((folder / name).glob("*.py"))
            for path in filter(Path.is_file, paths):
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


COMPILER_VERSION = _compiler_fingerprint()


Stat = tuple[int, int]  # (mtime_ns, size)


class FileHasher:
    """sha256 of files, each read once per build, with the (mtime, size) they had when read.

    A file whose mtime and size are what the cache recorded is taken as unchanged without being read, so a
    no-op build of a curriculum with hours of audio reads nothing but the directory entries.
    """

    def __init__(self) -> None:
        self._hashes: dict[Path, str | None] = {}
        self._stats: dict[Path, Stat] = {}

    def __call__(self, path: Path) -> str:
        digest = self.get(path)
        if digest is None:
            raise FileNotFoundError(path)
        return digest

    def read(self, path: Path) -> bytes:
        """Return a file's bytes, recording its stat (taken first, so a later edit is never missed)."""
        status = path.stat()
        data = path.read_bytes()
        self._stats[path] = (status.st_mtime_ns, status.st_size)
        self._hashes[path] = hashlib.sha256(data).hexdigest()
        return data

    def get(self, path: Path) -> str | None:
        if path not in self._hashes:
            try:
                self.read(path)
            except OSError:
                self._hashes[path] = None
        return self._hashes[path]

    def recorded(self, path: Path) -> Stat | None:
        return self._stats.get(path)

    def is_unchanged(self, path: Path, recorded: list[int] | None) -> bool:
        """Return True if the file's mtime and size are the recorded ones."""
        if not recorded:
            return False
        try:
            status = path.stat()
        except OSError:
            return False
        if (status.st_mtime_ns, status.st_size) != tuple(recorded):
            return False
        self._stats.setdefault(path, (status.st_mtime_ns, status.st_size))
        return True


def cached_fragment(
    entry: BuildCacheEntry | None, kind: str, path: Path, content_dir: Path, hasher: FileHasher
) -> Fragment | None:
    """Return the cached fragment of a file if it still holds (same bytes, media and compiler), else None."""
    if entry is None or entry.kind != kind or entry.compiler != COMPILER_VERSION:
        return None
    fragment, stats = _from_cache(entry)
    files = {
        path: (entry.path, entry.sha256),
        **{content_dir / d: (d, sha) for d, sha in fragment.deps.items()},
    }
    touched = False
    for file, (relative, digest) in files.items():
        if not hasher.is_unchanged(file, stats.get(relative)):
            if hasher.get(file) != digest:
                return None
            touched = True  # same bytes, new mtime: save the entry again so the next build need not read it
    fragment.from_cache = not touched
    return fragment


def load_cache(session: Session) -> dict[str, BuildCacheEntry]:
    """Return the cache entries by content-relative path."""
    return {entry.path: entry for entry in session.scalars(select(BuildCacheEntry))}


def _from_cache(entry: BuildCacheEntry) -> tuple[Fragment, dict[str, list[int]]]:
    data = json.loads(entry.fragment)
    fragment = Fragment(
        kind=entry.kind,
        relative=entry.path,
        sha256=entry.sha256,
        item_id=entry.item_id,
        content_hash=entry.content_hash,
        summary=data["summary"],
        definitions=[Definition(*d) for d in data["definitions"]],
        references=[Reference(*r) for r in data["references"]],
        deps=data["deps"],
        diagnostics=[Diagnostic.from_dict(d) for d in data["diagnostics"]],
        from_cache=True,
    )
    return fragment, data.get("stats", {})


def _serialise(fragment: Fragment, stats: dict[str, Stat]) -> str:
    return json.dumps(
        {
            "summary": fragment.summary,
            "definitions": [[d.target, d.id, d.line, d.col] for d in fragment.definitions],
            "references": [[r.target, r.id, r.line, r.col] for r in fragment.references],
            "deps": fragment.deps,
            "diagnostics": [d.to_dict() for d in fragment.diagnostics],
            "stats": stats,
        },
        separators=(",", ":"),
    )


def _stats(fragment: Fragment, content_dir: Path, hasher: FileHasher) -> dict[str, Stat]:
    """Return the (mtime, size) each file of a fragment had when it was read for this build."""
    stats = {}
    for relative in (fragment.relative, *fragment.deps):
        recorded = hasher.recorded(content_dir / relative)
        if recorded is not None:
            stats[relative] = recorded
    return stats


def save_cache(
    session: Session, fragments: list[Fragment], cached: set[str], content_dir: Path, hasher: FileHasher
) -> None:
    """Replace the entries of recompiled files and drop those of files that are gone."""
    fresh = [f for f in fragments if not f.from_cache]
    present = {f.relative for f in fragments}
    stale = sorted((cached - present) | {f.relative for f in fresh})
    for start in range(0, len(stale), 500):
        session.execute(delete(BuildCacheEntry).where(BuildCacheEntry.path.in_(stale[start : start + 500])))
    now = datetime.now(UTC)
    rows: list[dict[str, Any]] = [
        {
            "path": f.relative,
            "kind": f.kind,
            "sha256": f.sha256,
            "compiler": COMPILER_VERSION,
            "mtime_ns": (hasher.recorded(content_dir / f.relative) or (0, 0))[0],
            "item_id": f.item_id,
            "content_hash": f.content_hash,
            "fragment": _serialise(f, _stats(f, content_dir, hasher)),
            "updated_at": now,
        }
        for f in fresh
        if f.content_hash is not None
    ]
    if rows:
        session.execute(insert(BuildCacheEntry), rows)
