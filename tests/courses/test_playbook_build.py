from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy.orm import Session

from courses import build_content
from courses.playbook import Kind
from courses.playbook_store import get_playbook

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_build_publishes_the_playbook(session: Session) -> None:
    report = build_content(session, CONTENT)
    assert report.ok, [d.format() for d in report.errors]
    assert any(item.startswith("playbook objection-handling v1") for item in report.published)
    playbook = get_playbook(session)
    assert playbook is not None
    assert playbook.get("oh-roleplay-price").kind is Kind.EXPOSURE
    assert {a.competency_id for a in playbook.activities} >= {"objection-handling", "data-protection"}
    again = build_content(session, CONTENT)
    assert not [p for p in again.published if p.startswith("playbook")]


def test_build_reports_unknown_modules_and_competencies_with_positions(
    session: Session, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "followups" / "empathy.md").write_text(
        "---\ncompetency: empathy\n---\n\n## Take the course\nid: em-x\nkind: education\neffort: 10\n"
        "module: difficult-caller\n"
    )
    (content / "followups" / "extra.md").write_text(
        "---\ncompetency: empaty\n---\n\n## Do it\nid: em-y\nkind: experience\neffort: 10\ncompletes: done\n"
    )
    report = build_content(session, content)
    messages = {(Path(d.path).name, d.line, d.message) for d in report.errors}
    assert ("empathy.md", 9, 'unknown module "difficult-caller"') in messages
    assert ("extra.md", 2, 'unknown competency "empaty"') in messages
    assert get_playbook(session) is None


def test_duplicate_follow_up_ids_across_files_are_errors(session: Session, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    text = (content / "followups" / "empathy.md").read_text().replace("id: em-module", "id: oh-module")
    (content / "followups" / "empathy.md").write_text(text)
    report = build_content(session, content)
    assert any(d.message == 'duplicate follow-up id "oh-module"' for d in report.errors)
