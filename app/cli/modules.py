"""``elearn modules list``: the published modules, latest version of each."""

from __future__ import annotations

import click
from flask import current_app

from app.database import get_db
from courses import list_modules


@click.group("modules")
def modules_group() -> None:
    """Published modules."""


@modules_group.command("list")
def list_command() -> None:
    """List the latest version of every published module."""
    with get_db(current_app).transaction() as session:
        published = list_modules(session)
    if not published:
        click.echo("No modules are published yet: run 'elearn build'.")
        return
    width = max(len(p.info.module_id) for p in published)
    click.echo(f"{'ID':<{width}}  {'VERSION':>7}  {'MINUTES':>7}  TITLE")
    for item in published:
        info = item.info
        click.echo(f"{info.module_id:<{width}}  {info.version:>7}  {info.minutes:>7}  {info.title}")


COMMANDS = [modules_group]
