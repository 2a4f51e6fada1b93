"""Quizzes: ``quizzes/*.md``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from assessments.quiz_format import parse_quiz
from courses.kinds.base import Definition, Fragment, HashFile, PublishResult, Source, freeze, jsonable
from courses.markdown import course_markdown
from courses.publishing import latest_hashes, publish_versions
from courses.store import QuizVersion


class QuizzesKind:
    name = "quizzes"
    required = False

    def discover(self, content_dir: Path) -> list[Path]:
        return sorted((content_dir / "quizzes").glob("*.md"))

    def compile(self, source: Source, hash_file: HashFile) -> Fragment:
        result = parse_quiz(source.text, source.relative, md=course_markdown())
        fragment = Fragment(
            self.name,
            source.relative,
            source.sha256,
            diagnostics=result.diagnostics,
            references=result.references,
        )
        if result.quiz_id is not None:
            fragment.definitions = [Definition("quiz", result.quiz_id, *result.id_position)]
        if result.quiz is not None:
            fragment.item_id = result.quiz.id
            fragment.summary = {"title": result.quiz.title}
            data = jsonable(result.quiz)
            if not result.quiz.practice:
                del data["practice"]  # an ordinary quiz compiles (and hashes) as it did before banks existed
            freeze(fragment, data)
        return fragment

    def latest_hashes(self, session: Session) -> dict[str, tuple[int, str]]:
        return latest_hashes(session, QuizVersion)

    def publish(
        self, session: Session, fragments: list[Fragment], load_media: Callable[[str], bytes]
    ) -> PublishResult:
        return publish_versions(
            session, QuizVersion, "quiz", fragments, lambda f: {"title": f.summary["title"]}
        )
