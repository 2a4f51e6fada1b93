"""Golden files: the compiled JSON of the fixture curriculum, so any change to the compiler's output shows up
in review. Regenerate with ``ELEARN_UPDATE_GOLDEN=1 pytest tests/courses/test_golden.py``; read the diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

import courses
from courses import build_content

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = FIXTURES / "expected"


def _check(name: str, data: object) -> None:
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    path = EXPECTED / f"{name}.json"
    if os.environ.get("ELEARN_UPDATE_GOLDEN"):
        path.write_text(text)
    assert path.read_text() == text, f"{name} compiled differently; see the golden file {path}"


@pytest.mark.parametrize("module_id", ["greeting", "listening"])
def test_compiled_modules_match_their_golden_files(db: Session, module_id: str) -> None:
    assert build_content(db, FIXTURES / "valid").ok
    published = courses.get_module(db, module_id)
    assert published is not None
    _check(f"module-{module_id}", published.module.to_dict())


def test_compiled_quiz_and_framework_match_their_golden_files(db: Session) -> None:
    assert build_content(db, FIXTURES / "valid").ok
    quiz = courses.get_quiz(db, "greeting-quiz")
    framework = courses.get_framework(db)
    assert quiz is not None and framework is not None
    _check("quiz-greeting-quiz", quiz.quiz.to_dict())
    _check("framework", framework.to_dict())
