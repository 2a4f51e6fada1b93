"""``elearn lrs``: the Learning Record Store's clients (and, from other modules, forwarding and export)."""

from __future__ import annotations

import click
from flask import current_app

from app.accounts import audit
from app.database import get_db
from learning_record_store.credentials import (
    DEFAULT_HOME_PAGE,
    SCOPES,
    create_client,
    list_clients,
    revoke_client,
)
from learning_record_store.errors import LRSError


@click.group("lrs")
def lrs() -> None:
    """Manage the xAPI Learning Record Store."""


@lrs.group("clients")
def clients() -> None:
    """Manage LRS client credentials."""


@clients.command("create")
@click.option("--name", required=True, help="Who uses the credentials (shown as the statements' authority).")
@click.option(
    "--scopes",
    default="statements/write statements/read/mine",
    show_default=True,
    help=f"Space-separated scopes: {' '.join(SCOPES)}.",
)
def create(name: str, scopes: str) -> None:
    """Create a client and print its key and secret (the secret is shown only now)."""
    home_page = current_app.config.get("BASE_URL") or DEFAULT_HOME_PAGE
    with get_db(current_app).transaction() as session:
        try:
            issued = create_client(session, name=name, scopes=scopes, home_page=home_page)
        except LRSError as error:
            raise click.ClickException(error.message) from None
        audit.record(
            session,
            actor="cli",
            action="lrs_client.create",
            target=issued.client.key,
            name=name,
            scopes=scopes,
        )
        click.echo(f"key:    {issued.client.key}")
        click.echo(f"secret: {issued.secret}")
        click.echo(f"scopes: {issued.client.scopes}")
    click.echo("Keep the secret now: it is stored hashed and cannot be shown again.", err=True)


@clients.command("list")
def list_command() -> None:
    """List clients: key, name, scopes and whether they are revoked."""
    with get_db(current_app).transaction() as session:
        for client in list_clients(session):
            state = f"revoked {client.revoked_at}" if client.revoked_at else "active"
            click.echo(f"{client.key}\t{client.name}\t{client.scopes}\t{state}")


@clients.command("revoke")
@click.argument("key")
def revoke(key: str) -> None:
    """Revoke a client's credentials at once."""
    with get_db(current_app).transaction() as session:
        try:
            client = revoke_client(session, key)
        except LRSError as error:
            raise click.ClickException(error.message) from None
        audit.record(session, actor="cli", action="lrs_client.revoke", target=key)
        click.echo(f"Revoked {client.key} ({client.name}).")


COMMANDS = [lrs]
