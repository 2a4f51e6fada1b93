"""build_content: publishing, versioning, atomicity, incremental rebuilds and the query API."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import courses
from courses import build_content
from courses.store import BuildCacheEntry, MediaBlob, ModuleVersion, QuizVersion

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_first_build_publishes_version_one(db: Session, content: Path) -> None:
    report = build_content(db, content)
    assert report.ok, [d.format() for d in report.errors]
    assert report.published == [
        "framework test-framework v1",
        "quiz greeting-quiz v1",
        "module greeting v1",
        "module listening v1",
    ]
    assert [d.message for d in report.warnings] == ["module has no quiz"]
    published = courses.get_module(db, "greeting")
    assert published is not None
    info, module = published
    assert (info.module_id, info.version, info.title, info.minutes, info.version_note) == (
        "greeting",
        1,
        "The greeting",
        5,
        "First version",
    )
    assert published.version == 1 and module.quiz_id == "greeting-quiz" and module.requires_quiz_pass
    assert [m.info.module_id for m in courses.list_modules(db)] == ["listening", "greeting"]  # by title
    quiz = courses.get_quiz(db, "greeting-quiz")
    assert (
        quiz is not None and quiz.version == 1 and [q.id for q in quiz.quiz.questions] == ["first", "smile"]
    )
    framework = courses.get_framework(db)
    assert framework is not None and [c.id for c in framework.competencies] == [
        "call-opening",
        "empathy",
        "active-listening",
    ]
    assert framework.get("empathy").threshold == 0.8 and framework.get("call-opening").threshold == 0.75
    assert courses.get_module(db, "nope") is None and courses.get_quiz(db, "greeting-quiz", version=2) is None


def test_media_is_stored_in_the_database(db: Session, content: Path) -> None:
    build_content(db, content)
    published = courses.get_module(db, "listening")
    assert published is not None
    media = {m.path: m for m in published.module.media}
    assert set(media) == {"media/call.mp3", "media/call.txt", "media/loop.svg"}
    assert (media["media/call.mp3"].kind, media["media/call.mp3"].transcript) == (
        "audio",
        "**Caller:** My bill doubled.",
    )
    assert (media["media/loop.svg"].kind, media["media/loop.svg"].alt) == ("image", "The listening loop")
    for item in media.values():
        assert courses.get_media(db, item.sha256) == (content / "modules/listening" / item.path).read_bytes()
    assert courses.get_media_file(db, media["media/loop.svg"].sha256).media_type == "image/svg+xml"


def test_rebuild_without_changes_publishes_nothing_and_recompiles_nothing(db: Session, content: Path) -> None:
    build_content(db, content)
    again = build_content(db, content)
    assert again.ok and again.published == [] and again.recompiled == []
    assert "module greeting v1" in again.unchanged and len(again.unchanged) == 4
    assert [d.message for d in again.warnings] == ["module has no quiz"]  # warnings survive the cache
    assert _count(db, ModuleVersion) == 2


def test_an_edit_publishes_a_new_version_and_keeps_the_old(db: Session, content: Path) -> None:
    build_content(db, content)
    path = content / "modules/greeting.md"
    path.write_text(path.read_text().replace("Callers decide **quickly**.", "Callers decide fast."))
    report = build_content(db, content)
    assert report.published == ["module greeting v2"]
    assert report.recompiled == ["modules/greeting.md"]
    latest = courses.get_module(db, "greeting")
    old = courses.get_module(db, "greeting", version=1)
    assert latest is not None and old is not None
    assert (
        "decide fast" in latest.module.pages[1].html
        and "<strong>quickly</strong>" in old.module.pages[1].html
    )
    assert [v.version for v in courses.module_versions(db, "greeting")] == [1, 2]


def test_a_changed_media_file_recompiles_its_module(db: Session, content: Path) -> None:
    build_content(db, content)
    (content / "modules/listening/media/loop.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    report = build_content(db, content)
    assert report.recompiled == ["modules/listening/module.md"]
    assert report.published == ["module listening v2"]
    assert _count(db, MediaBlob) == 4  # the old bytes stay for version 1


def test_a_whitespace_only_edit_recompiles_but_publishes_nothing(db: Session, content: Path) -> None:
    build_content(db, content)
    path = content / "quizzes/greeting-quiz.md"
    path.write_text(path.read_text() + "\n\n")
    report = build_content(db, content)
    assert report.recompiled == ["quizzes/greeting-quiz.md"] and report.published == []
    assert _count(db, QuizVersion) == 1


def test_force_recompiles_everything_without_new_versions(db: Session, content: Path) -> None:
    build_content(db, content)
    report = build_content(db, content, force=True)
    assert len(report.recompiled) == 4 and report.published == []


def test_a_broken_copy_reports_every_error_and_publishes_nothing(db: Session) -> None:
    broken = FIXTURES / "broken"
    report = build_content(db, broken)
    assert not report.ok
    expected = (broken / "EXPECTED.txt").read_text().splitlines()
    got = [d.format().splitlines()[0].replace(f"{broken}/", "") for d in report.diagnostics]
    assert got == expected
    assert (
        _count(db, ModuleVersion) == 0 and _count(db, QuizVersion) == 0 and _count(db, BuildCacheEntry) == 0
    )


def test_hints_name_the_closest_id(db: Session) -> None:
    report = build_content(db, FIXTURES / "broken")
    hints = {d.message: d.hint for d in report.diagnostics}
    assert hints['unknown competency "empathie"'] == 'did you mean "empathy"?'
    assert hints['unknown quiz "greting-quiz"'] == 'did you mean "greeting-quiz"?'
    assert hints['unknown block "::: tipp"'] == 'did you mean "tip"?'


def test_an_error_after_a_good_build_keeps_the_published_versions(db: Session, content: Path) -> None:
    build_content(db, content)
    path = content / "modules/greeting.md"
    path.write_text(path.read_text().replace("quiz: greeting-quiz", "quiz: no-such-quiz"))
    report = build_content(db, content)
    assert not report.ok and report.published == []
    assert [v.version for v in courses.module_versions(db, "greeting")] == [1]
    path.write_text(path.read_text().replace("quiz: no-such-quiz", "quiz: greeting-quiz"))
    assert build_content(db, content).published == []


def test_missing_framework_and_folder(db: Session, tmp_path: Path, content: Path) -> None:
    assert [d.message for d in build_content(db, tmp_path / "nowhere").diagnostics] == [
        "content folder not found"
    ]
    (content / "competencies.yaml").unlink()
    messages = [d.message for d in build_content(db, content).errors]
    assert "no framework file found in the content folder" in messages
    assert 'unknown competency "call-opening"' in messages


def test_the_sample_curriculum_builds_without_errors(db: Session) -> None:
    report = build_content(db, ROOT / "content")
    assert report.ok, "\n".join(d.format() for d in report.errors)
    assert len(courses.list_modules(db)) >= 1


def test_a_new_compiler_invalidates_the_cache(db: Session, content: Path, monkeypatch) -> None:
    build_content(db, content)
    monkeypatch.setattr("courses.build_cache.COMPILER_VERSION", "another-compiler")
    report = build_content(db, content)
    assert len(report.recompiled) == 4 and report.published == []
    assert build_content(db, content).recompiled == []


def test_compiled_json_is_what_asdict_gives(db: Session, content: Path) -> None:
    from courses.kinds.base import jsonable

    build_content(db, content)
    for module_id in ("greeting", "listening"):
        published = courses.get_module(db, module_id)
        assert published is not None
        assert json.dumps(jsonable(published.module)) == json.dumps(published.module.to_dict())


def test_a_quiz_cannot_use_local_files(db: Session, content: Path) -> None:
    path = content / "quizzes/greeting-quiz.md"
    path.write_text(path.read_text() + "\nSee ![the loop](../modules/listening/media/loop.svg).\n")
    errors = [d.format() for d in build_content(db, content).errors]
    target = "../modules/listening/media/loop.svg"
    assert errors == [
        f'{path}:17:17: error: "{target}": only modules can use local files; link to the module instead'
    ]


def test_a_knowledge_check_in_a_quiz_is_an_error(db: Session, content: Path) -> None:
    path = content / "quizzes/greeting-quiz.md"
    path.write_text(path.read_text() + "\n::: check\n### Q {#c}\ntype: true-false\nanswer: true\n:::\n")
    errors = [d.format() for d in build_content(db, content).errors]
    assert errors == [f"{path}:18:1: error: a ::: check block belongs in a module, not in a quiz"]


def test_a_removed_module_leaves_the_catalogue_but_keeps_its_versions(db: Session, content: Path) -> None:
    build_content(db, content)
    moved = (content / "modules/listening").rename(content.parent / "listening-aside")
    report = build_content(db, content)
    assert report.ok and report.retired == ["modules listening"]
    assert [m.info.module_id for m in courses.list_modules(db)] == ["greeting"]
    assert courses.get_module(db, "listening") is not None  # attempts and exports still find it
    assert build_content(db, content).retired == []
    moved.rename(content / "modules/listening")
    report = build_content(db, content)
    assert report.published == [] and "module listening v1" in report.unchanged
    assert [m.info.module_id for m in courses.list_modules(db)] == ["listening", "greeting"]


def test_a_removed_quiz_has_no_latest_version_but_its_versions_still_resolve(
    db: Session, content: Path
) -> None:
    build_content(db, content)
    quiz_file, module_file = content / "quizzes/greeting-quiz.md", content / "modules/greeting.md"
    quiz_source, module_source = quiz_file.read_text(), module_file.read_text()
    quiz_file.unlink()
    module_file.write_text(module_source.replace("quiz: greeting-quiz\n", ""))
    report = build_content(db, content)
    assert report.ok and report.retired == ["quizzes greeting-quiz"]
    assert courses.get_quiz(db, "greeting-quiz") is None  # no new attempt can start on it
    kept = courses.get_quiz(db, "greeting-quiz", version=1)  # an attempt names the version it used
    assert kept is not None and kept.version == 1 and kept.quiz.id == "greeting-quiz"
    quiz_file.write_text(quiz_source)
    module_file.write_text(module_source)
    report = build_content(db, content)
    assert report.ok and "quiz greeting-quiz v1" in report.unchanged
    latest = courses.get_quiz(db, "greeting-quiz")
    assert latest is not None and latest.version == 1


def test_a_no_op_build_reads_no_file(db: Session, content: Path, monkeypatch) -> None:
    build_content(db, content)

    def refuse(path: Path) -> bytes:
        raise AssertionError(f"read {path}")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    report = build_content(db, content)
    assert report.ok and report.recompiled == [] and report.published == []


def test_a_touched_file_is_hashed_but_not_recompiled(db: Session, content: Path) -> None:
    import os

    build_content(db, content)
    for path in (content / "modules/greeting.md", content / "modules/listening/media/loop.svg"):
        status = path.stat()
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 5_000_000_000))
    report = build_content(db, content)
    assert report.ok and report.recompiled == [] and report.published == []


def test_a_touched_file_is_read_once_then_trusted_again(db: Session, content: Path, monkeypatch) -> None:
    import os

    build_content(db, content)
    path = content / "modules/listening/media/loop.svg"
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 5_000_000_000))
    assert build_content(db, content).recompiled == []

    def refuse(path: Path) -> bytes:
        raise AssertionError(f"read {path}")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert build_content(db, content).ok
