"""``build_content``: compile every content file, check cross-references, publish new versions atomically.

Incremental: a file whose bytes (and media) are unchanged since the last successful build is not recompiled;
its cached fragment (definitions, references, warnings, content hash) stands in for it. A new version is
published only when an item's compiled content hash changed. Any error publishes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from assessments.diagnostics import Diagnostic, Diagnostics, sort_key
from assessments.questions import Reference
from courses.kinds import CONTENT_KINDS, ContentKind, Definition, Fragment, Source
from courses.linking import link
from courses.store import BuildCacheEntry

# Modules whose code decides what a file compiles to: a change to any of them invalidates the build cache.
_COMPILER_PACKAGES = ("courses", "assessments", "markdown_it", "mdit_py_plugins")
_COMPILER_MODULES = {
    "courses": ("compiler.py", "framework.py", "markdown.py", "plugins", "kinds"),
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
            for path in sorted([folder / name] if name.endswith(".py") else (folder / name).glob("*.py")):
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


COMPILER_VERSION = _compiler_fingerprint()


@dataclass
class BuildReport:
    diagnostics: list[Diagnostic]
    published: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    recompiled: list[str] = field(default_factory=list)  # source files compiled (not taken from the cache)
    ok: bool = False

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


class FileHasher:
    """sha256 of files, each read once per build."""

    def __init__(self) -> None:
        self._hashes: dict[Path, str | None] = {}

    def __call__(self, path: Path) -> str:
        digest = self.get(path)
        if digest is None:
            raise FileNotFoundError(path)
        return digest

    def get(self, path: Path) -> str | None:
        if path not in self._hashes:
            try:
                self._hashes[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                self._hashes[path] = None
        return self._hashes[path]


def build_content(session: Session, content_dir: Path | str, *, force: bool = False) -> BuildReport:
    """Compile and publish the content folder; flush, never commit (the caller owns the transaction)."""
    content_dir = Path(content_dir)
    display = str(content_dir)
    if not content_dir.is_dir():
        return BuildReport([Diagnostic(display, 1, 1, "error", "content folder not found")])
    hasher = FileHasher()
    cache = _load_cache(session)
    report = BuildReport([])
    fragments: dict[str, list[Fragment]] = {}
    problems = Diagnostics(".")
    for kind in CONTENT_KINDS.values():
        paths = kind.discover(content_dir)
        if kind.required and not paths:
            problems.error(f"no {kind.name} file found in the content folder", 1, 1)
        fragments[kind.name] = [
            _fragment(kind, path, content_dir, {} if force else cache, hasher, report) for path in paths
        ]
    every = [f for group in fragments.values() for f in group]
    found = [d for f in every for d in f.diagnostics] + problems.items
    found += link(every)
    report.diagnostics = sorted((d.relocated(str(content_dir / d.path)) for d in found), key=sort_key)
    if report.errors:
        return report
    _publish(session, fragments, content_dir, hasher, report)
    _save_cache(session, every, set(cache), content_dir, report)
    session.flush()
    report.ok = True
    return report


def _fragment(
    kind: ContentKind,
    path: Path,
    content_dir: Path,
    cache: dict[str, BuildCacheEntry],
    hasher: FileHasher,
    report: BuildReport,
) -> Fragment:
    relative = path.relative_to(content_dir).as_posix()
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    entry = cache.get(relative)
    if (
        entry is not None
        and entry.sha256 == sha
        and entry.kind == kind.name
        and entry.compiler == COMPILER_VERSION
    ):
        fragment = _from_cache(entry)
        if all(hasher.get(content_dir / dep) == digest for dep, digest in fragment.deps.items()):
            return fragment
    return _compile(kind, path, relative, data, sha, content_dir, hasher, report)


def _compile(
    kind: ContentKind,
    path: Path,
    relative: str,
    data: bytes,
    sha: str,
    content_dir: Path,
    hasher: FileHasher,
    report: BuildReport,
) -> Fragment:
    report.recompiled.append(relative)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        fragment = Fragment(kind.name, relative, sha)
        fragment.diagnostics.append(
            Diagnostic(relative, 1, 1, "error", f"the file is not UTF-8 text ({error.reason})")
        )
        return fragment
    source = Source(kind.name, path, relative, text.replace("\r\n", "\n"), sha, content_dir)
    return kind.compile(source, hasher)


def _publish(
    session: Session,
    fragments: dict[str, list[Fragment]],
    content_dir: Path,
    hasher: FileHasher,
    report: BuildReport,
) -> None:
    media_paths = {
        digest: content_dir / dep
        for group in fragments.values()
        for f in group
        for dep, digest in f.deps.items()
    }
    for name, group in fragments.items():
        kind = CONTENT_KINDS[name]
        latest = kind.latest_hashes(session)
        for index, fragment in enumerate(group):
            if (
                fragment.compiled_json is None
                and latest.get(fragment.item_id or "", (0, ""))[1] != fragment.content_hash
            ):
                # Cached, but what is published differs (e.g. another database): compile it again.
                path = content_dir / fragment.relative
                group[index] = _compile(
                    kind,
                    path,
                    fragment.relative,
                    path.read_bytes(),
                    fragment.sha256,
                    content_dir,
                    hasher,
                    report,
                )
        result = kind.publish(
            session, [f for f in group if f.item_id], lambda sha: media_paths[sha].read_bytes()
        )
        report.published += result.published
        report.unchanged += result.unchanged


def _load_cache(session: Session) -> dict[str, BuildCacheEntry]:
    return {entry.path: entry for entry in session.scalars(select(BuildCacheEntry))}


def _from_cache(entry: BuildCacheEntry) -> Fragment:
    data = json.loads(entry.fragment)
    return Fragment(
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


def _serialise(fragment: Fragment) -> str:
    return json.dumps(
        {
            "summary": fragment.summary,
            "definitions": [[d.target, d.id, d.line, d.col] for d in fragment.definitions],
            "references": [[r.target, r.id, r.line, r.col] for r in fragment.references],
            "deps": fragment.deps,
            "diagnostics": [d.to_dict() for d in fragment.diagnostics],
        },
        separators=(",", ":"),
    )


def _save_cache(
    session: Session, fragments: list[Fragment], cached: set[str], content_dir: Path, report: BuildReport
) -> None:
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
            "mtime_ns": (content_dir / f.relative).stat().st_mtime_ns,
            "item_id": f.item_id,
            "content_hash": f.content_hash,
            "fragment": _serialise(f),
            "updated_at": now,
        }
        for f in fresh
        if f.content_hash is not None
    ]
    if rows:
        session.execute(insert(BuildCacheEntry), rows)
