"""Modules: ``modules/NAME.md`` or ``modules/NAME/module.md`` with media beside it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from courses.compiler import compile_module
from courses.kinds.base import Definition, Fragment, HashFile, PublishResult, Source, freeze, jsonable
from courses.publishing import latest_hashes, publish_versions, store_media
from courses.store import ModuleVersion


class ModulesKind:
    name = "modules"
    required = False

    def discover(self, content_dir: Path) -> list[Path]:
        folder = content_dir / "modules"
        return sorted([*folder.glob("*.md"), *folder.glob("*/module.md")])

    def compile(self, source: Source, hash_file: HashFile) -> Fragment:
        result = compile_module(
            source.text, source.relative, module_dir=source.path.parent, hash_file=hash_file
        )
        fragment = Fragment(
            self.name,
            source.relative,
            source.sha256,
            diagnostics=result.diagnostics,
            references=result.references,
        )
        module = result.module
        if result.module_id is not None:
            fragment.definitions = [Definition("module", result.module_id, *result.id_position)]
        if module is not None:
            base = source.path.parent.relative_to(source.content_dir).as_posix()
            fragment.item_id = module.id
            fragment.deps = {f"{base}/{m.path}": m.sha256 for m in module.media}
            fragment.summary = {
                "title": module.title,
                "minutes": module.minutes,
                "version_note": module.version_note,
                "media": {m.sha256: m.media_type for m in module.media},
            }
            freeze(fragment, jsonable(module))
        return fragment

    def latest_hashes(self, session: Session) -> dict[str, tuple[int, str]]:
        return latest_hashes(session, ModuleVersion)

    def publish(
        self, session: Session, fragments: list[Fragment], load_media: Callable[[str], bytes]
    ) -> PublishResult:
        result = publish_versions(
            session,
            ModuleVersion,
            "module",
            fragments,
            lambda f: {
                "title": f.summary["title"],
                "minutes": f.summary["minutes"],
                "version_note": f.summary["version_note"],
            },
        )
        published = {line.split()[1] for line in result.published}
        media: dict[str, str] = {}
        for fragment in fragments:
            if fragment.item_id in published:
                media.update(fragment.summary.get("media", {}))
        store_media(session, media, load_media)
        return result
