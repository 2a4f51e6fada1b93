"""``elearn users``: create and list accounts."""

from __future__ import annotations

import click
from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts import ROLES, AccountError, User, WeakPasswordError, audit, create_user
from app.database import get_db


@click.group("users")
def users_group() -> None:
    """Manage user accounts."""


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    "roles",
    required=True,
    multiple=True,
    type=click.Choice(ROLES),
    help="Repeat for several roles.",
)
@click.option("--team", default=None)
@click.option("--password", default=None, help="Asked for when not given.")
def create(email: str, name: str, roles: tuple[str, ...], team: str | None, password: str | None) -> None:
    """Create a user."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with get_db(current_app).transaction() as session:
        try:
            user = create_user(session, email=email, name=name, password=password, roles=roles, team=team)
        except (AccountError, WeakPasswordError) as error:
            raise click.ClickException(str(error)) from None
        audit.record(session, actor="cli", action="user.create", target=user.email, roles=sorted(user.roles))
        click.echo(f"Created {user.email} ({', '.join(sorted(user.roles))}).")


@users_group.command("list")
def list_users() -> None:
    """List users with their roles and team."""
    with get_db(current_app).transaction() as session:
        users = session.scalars(select(User).options(selectinload(User.team)).order_by(User.email)).all()
        for user in users:
            team = user.team.name if user.team else "-"
            click.echo(f"{user.email}\t{user.name}\t{','.join(sorted(user.roles))}\t{team}")


COMMANDS = [users_group]
