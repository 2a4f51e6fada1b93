"""``elearn assign``: assign a module to every member of a team (shown under "Assigned to me")."""

from __future__ import annotations

from datetime import datetime

import click
from flask import current_app

from app.accounts import get_or_create_team
from app.database import get_db
from app.learner import catalog
from assessments.progress import assign_to_team


@click.command("assign")
@click.argument("team")
@click.argument("module_id")
@click.option("--due", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="YYYY-MM-DD")
def assign(team: str, module_id: str, due: datetime | None) -> None:
    """Assign MODULE_ID to every member of TEAM."""
    with get_db(current_app).transaction() as session:
        try:
            module = catalog.get_module(session, module_id)
        except catalog.ContentNotFoundError as error:
            raise click.ClickException(str(error)) from None
        row = assign_to_team(
            session,
            team_id=get_or_create_team(session, team).id,
            module_id=module_id,
            due=due.date() if due else None,
        )
        when = f", due {row.due.isoformat()}" if row.due else ""
        click.echo(f"assigned {module.module.title} to {team}{when}")


COMMANDS = [assign]
