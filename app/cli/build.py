"""``elearn build [DIR]``: compile the content, print every diagnostic, publish when there is no error."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import current_app
from sqlalchemy.exc import IntegrityError

from app.cli.serve import content_dir
from app.database import get_db
from courses import BuildReport, build_content


def _summary(report: BuildReport) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if not report.ok:
        return f"{counts}; nothing was published"
    return f"{counts}; published {len(report.published)}, unchanged {len(report.unchanged)}"


@click.command("build")
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the diagnostics as a JSON list.")
@click.option("--force", is_flag=True, help="Recompile every file, ignoring the build cache.")
def build(directory: Path | None, as_json: bool, force: bool) -> None:
    """Compile and publish the content (modules, quizzes, competencies)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    folder = directory or content_dir(app)
    try:
        with get_db(app).transaction() as session:
            report = build_content(session, folder, force=force)
            if not report.ok:
                session.rollback()
    except IntegrityError:
        # Two builds published the same version at once; the database kept one, this one changed nothing.
        raise click.ClickException(
            "another build published at the same time; run elearn build again"
        ) from None
    if as_json:
        click.echo(json.dumps([d.to_dict() for d in report.diagnostics], indent=2))
    else:
        for diagnostic in report.diagnostics:
            click.echo(diagnostic.format())
        for line in report.published:
            click.echo(f"published {line}")
        for line in report.retired:
            click.echo(f"retired {line} (its source file is gone; its versions are kept)")
    click.echo(_summary(report), err=as_json)
    if not report.ok:
        raise SystemExit(1)


COMMANDS = [build]
