"""The catalogue stamp: what caches of derived content are keyed on."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

import courses
from courses import build_content


def test_the_stamp_changes_when_a_build_publishes_or_retires_and_only_then(
    db: Session, content: Path
) -> None:
    build_content(db, content)
    first = courses.catalogue_stamp(db)
    assert ("quiz", "greeting-quiz", 1) in {entry[:3] for entry in first}
    assert build_content(db, content).published == [] and courses.catalogue_stamp(db) == first

    quiz = content / "quizzes/greeting-quiz.md"
    quiz.write_text(quiz.read_text().replace("Account number", "Account number, please"))
    assert build_content(db, content).published == ["quiz greeting-quiz v2"]
    edited = courses.catalogue_stamp(db)
    assert ("quiz", "greeting-quiz", 2) in {entry[:3] for entry in edited} and edited != first

    moved = (content / "modules/listening").rename(content.parent / "listening-aside")
    assert build_content(db, content).retired == ["modules listening"]
    retired = courses.catalogue_stamp(db)
    assert ("retired", "listening", 0, "modules") in retired and retired != edited
    moved.rename(content / "modules/listening")
    build_content(db, content)
    assert courses.catalogue_stamp(db) == edited
