"""``elearn lrs export``: the stored statements as JSON Lines or CSV, filtered like GET /statements."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from flask import current_app

from app.cli.lrs import lrs
from app.database import get_db
from learning_record_store.clock import format_instant
from learning_record_store.documents import parse_agent, parse_since
from learning_record_store.errors import LRSError
from learning_record_store.export import FORMATS, export_statements
from learning_record_store.queries import StatementQuery


def statement_query(
    verb: str | None,
    agent: str | None,
    activity: str | None,
    since: str | None,
    until: str | None,
    registration: str | None = None,
) -> StatementQuery:
    """Build the query of an export from its textual filters (an agent may be given as an email address)."""
    filters: dict[str, Any] = {
        "verb": verb or None,
        "activity": activity or None,
        "registration": registration or None,
    }
    if agent:
        raw = agent if agent.lstrip().startswith("{") else json.dumps({"mbox": f"mailto:{agent}"})
        filters["agent"] = parse_agent(raw)
    for name, value in (("since", since), ("until", until)):
        moment = parse_since(value or None)
        filters[name] = format_instant(moment) if moment else None
    return StatementQuery(**filters)


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
def export(
    fmt: str,
    verb: str | None,
    agent: str | None,
    activity: str | None,
    registration: str | None,
    since: str | None,
    until: str | None,
    output: str,
) -> None:
    """Export statements, oldest first, in constant memory."""
    try:
        query = statement_query(verb, agent, activity, since, until, registration)
    except LRSError as error:
        raise click.BadParameter(error.message) from None
    with get_db(current_app).transaction() as session:
        if output == "-":
            count = export_statements(session, query, fmt, sys.stdout)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                count = export_statements(session, query, fmt, out)
    click.echo(f"Exported {count} statements.", err=True)


COMMANDS: list[click.Command] = []  # the command joins the ``lrs`` group above
