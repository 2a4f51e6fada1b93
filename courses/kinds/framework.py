"""The competency framework: ``competencies.yaml``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from courses.framework import compile_framework
from courses.kinds.base import Definition, Fragment, HashFile, PublishResult, Source, freeze, jsonable
from courses.publishing import latest_hashes, publish_versions
from courses.store import FrameworkVersion

FRAMEWORK_FILE = "competencies.yaml"


class FrameworkKind:
    name = "framework"
    required = True

    def discover(self, content_dir: Path) -> list[Path]:
        path = content_dir / FRAMEWORK_FILE
        return [path] if path.is_file() else []

    def compile(self, source: Source, hash_file: HashFile) -> Fragment:
        result = compile_framework(source.text, source.relative)
        fragment = Fragment(self.name, source.relative, source.sha256, diagnostics=result.diagnostics)
        fragment.definitions = [
            Definition("competency", cid, line, col) for cid, (line, col) in result.positions.items()
        ]
        if result.framework is not None:
            fragment.item_id = result.framework.id
            fragment.summary = {"title": result.framework.name}
            freeze(fragment, jsonable(result.framework))
        return fragment

    def latest_hashes(self, session: Session) -> dict[str, tuple[int, str]]:
        return latest_hashes(session, FrameworkVersion)

    def publish(
        self, session: Session, fragments: list[Fragment], load_media: Callable[[str], bytes]
    ) -> PublishResult:
        return publish_versions(
            session, FrameworkVersion, "framework", fragments, lambda f: {"title": f.summary["title"]}
        )
