"""``elearn serve``: migrate, build the content, create demo data on a first run, and serve."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from sqlalchemy import func, select
from werkzeug.serving import run_simple

from app import migrate
from app.accounts import User
from app.database import get_db
from app.demo import create_demo_team


def content_dir(app: Flask) -> Path:
    configured = app.config.get("CONTENT_DIR")
    return Path(configured) if configured else migrate.ROOT / "content"


def prepare(app: Flask, *, demo: bool) -> None:
    """Bring the database up to date, build the content and, on an empty database, add the demo team."""
    database = get_db(app)
    migrate.upgrade(database.engine)
    from courses import build_content

    with database.transaction() as session:
        report = build_content(session, content_dir(app))
        for diagnostic in report.diagnostics:
            click.echo(diagnostic.format(), err=True)
        if not report.ok:
            raise click.ClickException("the content has errors; nothing was published")
    with database.transaction() as session:
        has_users = session.scalar(select(func.count()).select_from(User)) > 0
        if demo and not has_users:
            logins = create_demo_team(session)
            click.echo("\nDemo data (for trying elearn out; start with --no-demo to skip it):")
            for login in logins:
                click.echo(f"  {login.email:<24} {','.join(login.roles):<8} password: {login.password}")
            click.echo("")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-demo", is_flag=True, help="Do not create the demo team on an empty database.")
def serve(host: str, port: int, no_demo: bool) -> None:
    """Serve elearn (migrating the database and building the content first)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    prepare(app, demo=not no_demo)
    click.echo(f"elearn is serving on http://{host}:{port}/")
    # Flask's app.run() refuses to start from inside its own CLI; run the same server directly.
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


COMMANDS = [serve]
