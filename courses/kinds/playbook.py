"""The follow-up playbook: ``followups/*.md``, one file per competency (see docs/mentoring.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from assessments.questions import Reference
from courses.kinds.base import Definition, Fragment, HashFile, PublishResult, Source, freeze
from courses.playbook import compile_followups
from courses.playbook_store import PlaybookVersion
from courses.publishing import latest_hashes, publish_versions


class PlaybookKind:
    name = "playbook"
    required = False

    def discover(self, content_dir: Path) -> list[Path]:
        return sorted((content_dir / "followups").glob("*.md"))

    def compile(self, source: Source, hash_file: HashFile) -> Fragment:
        result = compile_followups(source.text, source.relative)
        fragment = Fragment(self.name, source.relative, source.sha256, diagnostics=list(result.diagnostics))
        if result.competency_id is None:
            return fragment
        fragment.definitions = [Definition("playbook", result.competency_id, result.competency_line, 1)]
        fragment.definitions += [
            Definition("follow-up", a.id, line, 1)
            for a, line in zip(result.activities, result.id_lines, strict=True)
        ]
        fragment.references = [Reference("competency", result.competency_id, result.competency_line, 1)]
        fragment.references += [
            Reference("module", module, line, col) for module, line, col in result.module_refs
        ]
        if not any(d.is_error for d in fragment.diagnostics):
            fragment.item_id = result.competency_id
            fragment.summary = {"title": f"Follow-ups: {result.competency_id}"}
            freeze(fragment, {"activities": [a.to_dict() for a in result.activities]})
        return fragment

    def latest_hashes(self, session: Session) -> dict[str, tuple[int, str]]:
        return latest_hashes(session, PlaybookVersion)

    def publish(
        self, session: Session, fragments: list[Fragment], load_media: Callable[[str], bytes]
    ) -> PublishResult:
        return publish_versions(
            session, PlaybookVersion, "playbook", fragments, lambda f: {"title": f.summary["title"]}
        )
