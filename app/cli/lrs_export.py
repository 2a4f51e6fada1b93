"""``elearn lrs export``: the stored statements as JSON Lines or CSV, filtered like GET /statements."""

from __future__ import annotations

import sys

import click
from flask import current_app

from app.accounts import audit
from app.cli.lrs import lrs
from app.database import get_db
from learning_record_store.errors import LRSError
from learning_record_store.export import FORMATS, export_statements, query_from_filters


@lrs.command("export")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="jsonl", show_default=True)
@click.option("--verb", help="Verb IRI.")
@click.option("--agent", help="Agent as JSON, or an email address.")
@click.option("--activity", help="Activity IRI (the statement's object).")
@click.option("--registration", help="Registration UUID.")
@click.option("--since", help="Stored after this ISO 8601 timestamp.")
@click.option("--until", help="Stored at or before this ISO 8601 timestamp.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    required=True,
    help="File to write ('-' for standard output).",
)
def export(fmt: str, output: str, **filters: str | None) -> None:
    """Export statements, oldest first, in constant memory."""
    try:
        query = query_from_filters(**filters)
    except LRSError as error:
        raise click.BadParameter(error.message) from None
    sessions = get_db(current_app).session_factory
    if output == "-":
        count = export_statements(sessions, query, fmt, sys.stdout)
    else:
        with open(output, "w", encoding="utf-8", newline="") as out:
            count = export_statements(sessions, query, fmt, out)
    with get_db(current_app).transaction() as session:
        given = {name: value for name, value in filters.items() if value}
        audit.record(session, actor="cli", action="lrs.export", target=fmt, statements=count, **given)
    click.echo(f"Exported {count} statements.", err=True)


COMMANDS: list[click.Command] = []  # the command joins the ``lrs`` group above
