"""``elearn assign``: assign modules to every member of a team (shown under "Assigned to me")."""

from __future__ import annotations

from datetime import datetime

import click
from flask import current_app

from app.accounts import get_or_create_team
from app.database import get_db
from app.insight.assigning import assign_modules
from app.learner import catalog


@click.command("assign")
@click.argument("team")
@click.argument("module_ids", nargs=-1, required=True)
@click.option("--due", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="YYYY-MM-DD")
def assign(team: str, module_ids: tuple[str, ...], due: datetime | None) -> None:
    """Assign MODULE_IDS to every member of TEAM (the service the lead's dashboard uses too)."""
    with get_db(current_app).transaction() as session:
        try:
            assign_modules(
                session,
                team_id=get_or_create_team(session, team).id,
                module_ids=module_ids,
                due=due.date() if due else None,
            )
        except catalog.ContentNotFoundError as error:
            raise click.ClickException(str(error)) from None
        when = f", due {due.date().isoformat()}" if due else ""
        for module_id in module_ids:
            click.echo(f"assigned {catalog.get_module(session, module_id).module.title} to {team}{when}")


COMMANDS = [assign]
