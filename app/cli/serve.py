"""``elearn serve``: migrate, build the content, create the demo on a first run, and serve.

It serves through gunicorn with ``deploy/gunicorn.conf.py``, as deployed; ``--dev`` serves with Flask's
development server and reloader instead, for authors changing the code.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click
from flask import Flask, current_app
from sqlalchemy import func, select
from werkzeug.serving import run_simple

from app import migrate
from app.accounts import User
from app.database import get_db
from app.demo.history import create_demo
from app.demo.logins import format_logins, load_logins, logins_file, save_logins

GUNICORN_CONFIG = migrate.ROOT / "deploy" / "gunicorn.conf.py"
APP_FACTORY = "app:create_app()"


def content_dir(app: Flask) -> Path:
    configured = app.config.get("CONTENT_DIR")
    return Path(configured) if configured else migrate.ROOT / "content"


def prepare(app: Flask, *, demo: bool) -> None:
    """Bring the database up to date, build the content and, on an empty database, create the demo."""
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
        if not demo or has_users:
            return
        click.echo("Creating the demo team and six weeks of its history …")
        started = time.perf_counter()
        logins = create_demo(session)
    saved = save_logins(app.instance_path, logins)
    click.echo(f"Demo created in {time.perf_counter() - started:.1f} s.")
    click.echo("\nDemo logins (for trying elearn out; start with --no-demo to skip the demo):")
    click.echo("\n".join(format_logins(logins)))
    click.echo(f"They are kept in {saved} (readable by you only); `elearn demo logins` shows them again.\n")


def gunicorn_command(host: str, port: int, *, python: str = sys.executable) -> list[str]:
    """The gunicorn command line that serves the app as deployed, bound to ``host:port``."""
    return [python, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG), "--bind", f"{host}:{port}", APP_FACTORY]


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-demo", is_flag=True, help="Do not create the demo on an empty database.")
@click.option("--dev", is_flag=True, help="Flask's development server, reloading on code changes.")
def serve(host: str, port: int, no_demo: bool, dev: bool) -> None:
    """Serve elearn (migrating the database and building the content first)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not (dev and os.environ.get("WERKZEUG_RUN_MAIN")):  # the reloader's child: prepared already
        prepare(app, demo=not no_demo)
    click.echo(f"elearn is serving on http://{host}:{port}/")
    if dev:
        # Flask's app.run() refuses to start from inside its own CLI; run the same server directly.
        run_simple(host, port, app, threaded=True, use_reloader=True, use_debugger=False)
        return
    command = gunicorn_command(host, port)
    os.execv(command[0], command)


@click.group("demo")
def demo_group() -> None:
    """The demo team."""


@demo_group.command("logins")
def show_logins() -> None:
    """Print the demo logins again (kept in the instance folder when the demo was created)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    logins = load_logins(app.instance_path)
    with get_db(app).transaction() as session:
        emails = set(session.scalars(select(User.email).where(User.email.in_([x.email for x in logins]))))
    current = [x for x in logins if x.email in emails]
    if not current:
        raise click.ClickException(
            f"no demo logins in {logins_file(app.instance_path)} for this database; "
            "`elearn serve` creates the demo on an empty database"
        )
    click.echo("\n".join(format_logins(current)))


COMMANDS = [serve, demo_group]
