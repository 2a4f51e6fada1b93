"""``elearn export``: SCORM, cmi5 and xAPI packages of published modules, and package checks."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from app.accounts import audit
from app.database import get_db
from exporters import (
    EXPORT_FORMATS,
    ExportError,
    ExportOptions,
    check_package,
    export_package,
    load_bundles,
    load_framework,
)
from exporters.bundle import STATUS_MODES


def schema_dir() -> Path | None:
    configured = current_app.config.get("EXPORT_SCHEMA_DIR")
    return Path(configured) if configured else None


def activity_base() -> str:
    base_url = current_app.config.get("BASE_URL")
    return f"{base_url.rstrip('/')}/xapi/activities" if base_url else ExportOptions().activity_base


def _check(path: Path) -> None:
    report = check_package(path.read_bytes(), schema_dir=schema_dir())
    label = EXPORT_FORMATS[report.format_name].label if report.format_name else "unknown format"
    for problem in report.problems:
        click.echo(f"{path}: {problem}", err=True)
    if not report.schema_checked and report.format_name:
        click.echo(f"{path}: warning: schemas not found, the manifest was not validated", err=True)
    if not report.is_valid:
        raise click.ClickException(f"{path}: {len(report.problems)} problem(s) ({label})")
    click.echo(f"{path}: valid {label} package")


@click.command("export")
@click.argument("module_ids", nargs=-1)
@click.option("--format", "format_name", type=click.Choice(sorted(EXPORT_FORMATS)), help="Package format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Zip file to write.")
@click.option(
    "--check",
    "check_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Check a package (any origin) instead of exporting.",
)
@click.option(
    "--status-mode",
    type=click.Choice(STATUS_MODES),
    default=STATUS_MODES[0],
    show_default=True,
    help="SCORM 1.2: report a quiz as passed/failed or as completed/incomplete.",
)
@click.option("--title", default=None, help="Course title of a package with several modules.")
def export_command(
    module_ids: tuple[str, ...],
    format_name: str | None,
    output: Path | None,
    check_path: Path | None,
    status_mode: str,
    title: str | None,
) -> None:
    """Export MODULE_IDS as one package (one SCO or AU per module), or check a package with --check."""
    if check_path is not None:
        return _check(check_path)
    if not (format_name and output and module_ids):
        raise click.UsageError("give --format, -o FILE.zip and at least one MODULE_ID (or --check FILE.zip)")
    with get_db(current_app).transaction() as session:
        try:
            bundles = load_bundles(session, module_ids)
            options = ExportOptions(
                status_mode=status_mode,
                activity_base=activity_base(),
                course_title=title,
                framework=load_framework(session),
            )
            data = export_package(format_name, bundles, options, schema_dir=schema_dir())
        except ExportError as error:
            raise click.ClickException(str(error)) from None
        audit.record(
            session, actor="cli", action="package.export", target=format_name, modules=list(module_ids)
        )
    output.write_bytes(data)
    click.echo(
        f"Wrote {output} ({EXPORT_FORMATS[format_name].label}, {len(module_ids)} module(s), "
        f"{len(data):,} bytes)."
    )
    return None


COMMANDS = [export_command]
