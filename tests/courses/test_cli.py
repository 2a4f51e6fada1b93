"""``elearn build`` and ``elearn modules list`` through the Flask CLI runner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from flask import Flask

FIXTURES = Path(__file__).parent / "fixtures"


def test_build_publishes_then_reports_unchanged(app: Flask, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid", content)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["build", str(content)])
    assert result.exit_code == 0, result.output
    assert "published module greeting v1" in result.output
    assert "module has no quiz" in result.output
    assert "0 errors, 1 warning; published 4, unchanged 0" in result.output
    again = runner.invoke(args=["build", str(content)])
    assert again.exit_code == 0 and "published 0, unchanged 4" in again.output
    listing = runner.invoke(args=["modules", "list"])
    assert listing.exit_code == 0
    lines = listing.output.splitlines()
    assert lines[0].split() == ["ID", "VERSION", "MINUTES", "TITLE"]
    assert lines[1].split() == ["listening", "1", "7", "Listening"]
    assert lines[2].split() == ["greeting", "1", "5", "The", "greeting"]


def test_build_with_errors_exits_1_without_a_traceback(app: Flask) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["build", str(FIXTURES / "broken")])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "modules/greeting.md:11:1: error: a # heading is not allowed in a module" in result.output
    assert "nothing was published" in result.output
    listing = runner.invoke(args=["modules", "list"])
    assert "No modules are published yet" in listing.output


def test_build_json(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["build", str(FIXTURES / "broken"), "--json"], catch_exceptions=False
    )
    diagnostics = json.loads(result.stdout)
    assert result.exit_code == 1
    assert {"path", "line", "col", "severity", "message", "hint"} == set(diagnostics[0])
    assert any(
        d["message"] == 'unknown competency "empathie"' and d["hint"] == 'did you mean "empathy"?'
        for d in diagnostics
    )


def test_build_defaults_to_the_configured_content_folder(app: Flask, tmp_path: Path) -> None:
    content = tmp_path / "configured"
    shutil.copytree(FIXTURES / "valid", content)
    app.config["CONTENT_DIR"] = str(content)
    result = app.test_cli_runner().invoke(args=["build", "--force"])
    assert result.exit_code == 0, result.output
    assert "published 4" in result.output


def test_a_concurrent_build_is_reported_without_a_traceback(app: Flask, monkeypatch) -> None:
    from sqlalchemy.exc import IntegrityError

    def clash(*args: object, **kwargs: object) -> None:
        raise IntegrityError("INSERT INTO course_module_version …", {}, Exception("unique constraint"))

    monkeypatch.setattr("app.cli.build.build_content", clash)
    result = app.test_cli_runner().invoke(args=["build", str(FIXTURES / "valid")])
    assert result.exit_code == 1
    assert "another build published at the same time" in result.output
    assert "Traceback" not in result.output


def test_concurrent_builds_run_one_after_the_other(app: Flask, tmp_path: Path) -> None:
    import threading

    from app.database import get_db
    from courses import build_content

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid", content)
    database = get_db(app)
    reports = []

    def build() -> None:
        with database.transaction() as session:
            reports.append(build_content(session, content))

    first = database.session_factory()
    first_report = build_content(first, content)  # holds the build lock until it commits
    second = threading.Thread(target=build)
    second.start()
    second.join(timeout=1.0)
    assert second.is_alive(), "the second build must wait for the first"
    first.commit()
    first.close()
    second.join(timeout=30)
    assert first_report.published and reports[0].ok and reports[0].published == []
    assert len(reports[0].unchanged) == 4
