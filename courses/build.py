"""``build_content``: compile every content file, check cross-references, publish new versions atomically.

Incremental: a file whose bytes (and media) are unchanged since the last successful build is not recompiled;
its cached fragment (definitions, references, warnings, content hash) stands in for it. A new version is
published only when an item's compiled content hash changed. Any error publishes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from assessments.diagnostics import Diagnostic, Diagnostics, sort_key
from courses.build_cache import FileHasher, cached_fragment, load_cache, save_cache
from courses.kinds import CONTENT_KINDS, ContentKind, Fragment, Source
from courses.linking import link
from courses.retirement import update_retired
from courses.store import BuildCacheEntry

BUILD_LOCK_KEY = 0x656C6561726E  # "elearn": the advisory lock that serialises builds on PostgreSQL


@dataclass
class BuildReport:
    diagnostics: list[Diagnostic]
    published: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    recompiled: list[str] = field(default_factory=list)
    retired: list[str] = field(
        default_factory=list
    )  # items whose source is gone ("modules old-module")  # source files compiled (not taken from the cache)
    ok: bool = False

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def build_content(session: Session, content_dir: Path | str, *, force: bool = False) -> BuildReport:
    """Compile and publish the content folder; flush, never commit (the caller owns the transaction)."""
    content_dir = Path(content_dir)
    display = str(content_dir)
    if not content_dir.is_dir():
        return BuildReport([Diagnostic(display, 1, 1, "error", "content folder not found")])
    _serialise_builds(session)
    hasher = FileHasher()
    cache = load_cache(session)
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
    save_cache(session, every, set(cache), content_dir, hasher)
    session.flush()
    report.ok = True
    return report


def _serialise_builds(session: Session) -> None:
    """Make concurrent builds (two app servers starting at once) run one after the other.

    The second then sees what the first published and finds it unchanged, instead of failing on the unique
    version number. SQLite needs nothing: its transactions start with BEGIN IMMEDIATE, one writer at a time.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": BUILD_LOCK_KEY})


def _fragment(
    kind: ContentKind,
    path: Path,
    content_dir: Path,
    cache: dict[str, BuildCacheEntry],
    hasher: FileHasher,
    report: BuildReport,
) -> Fragment:
    relative = path.relative_to(content_dir).as_posix()
    fragment = cached_fragment(cache.get(relative), kind.name, path, content_dir, hasher)
    if fragment is not None:
        return fragment
    data = hasher.read(path)
    return _compile(kind, path, relative, data, hasher(path), content_dir, hasher, report)


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
                    hasher.read(path),
                    hasher(path),
                    content_dir,
                    hasher,
                    report,
                )
        result = kind.publish(
            session, [f for f in group if f.item_id], lambda sha: media_paths[sha].read_bytes()
        )
        report.published += result.published
        report.unchanged += result.unchanged
        present = {f.item_id for f in group if f.item_id}
        report.retired += [f"{name} {item}" for item in update_retired(session, name, set(latest), present)]
