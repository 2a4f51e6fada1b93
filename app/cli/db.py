"""``elearn db``: database migrations."""

from __future__ import annotations

import click
from flask import current_app

from app import migrate
from app.database import get_db


@click.group("db")
def db_group() -> None:
    """Manage the database schema."""


@db_group.command("upgrade")
@click.option("--revision", default="heads", show_default=True, help="Target revision.")
def upgrade(revision: str) -> None:
    """Apply pending migrations."""
    database = get_db(current_app)
    migrate.upgrade(database.engine, revision)
    click.echo(f"Database at {database.engine.url.render_as_string(hide_password=True)} is up to date.")


@db_group.command("status")
def status() -> None:
    """Show whether migrations are pending."""
    pending = migrate.pending_heads(get_db(current_app).engine)
    click.echo("pending: " + ", ".join(sorted(pending)) if pending else "up to date")


COMMANDS = [db_group]
