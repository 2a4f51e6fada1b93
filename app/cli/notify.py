"""``elearn notify``: the daily mentoring digest (run it from cron, e.g. ``0 7 * * * elearn notify``).

It adds "due soon" notifications for follow-ups and assigned modules due within two days, then emails
everyone their notifications not yet emailed, one message per person, through the SMTP server in the
configuration
(``ELEARN_SMTP_HOST``, ``ELEARN_SMTP_PORT``, ``ELEARN_SMTP_USERNAME``, ``ELEARN_SMTP_PASSWORD``,
``ELEARN_SMTP_STARTTLS``, ``ELEARN_MAIL_FROM``; links use ``ELEARN_BASE_URL``).
"""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from app.database import get_db
from app.insight.assigning import queue_assignments_due
from app.mentoring.notifications import queue_due_soon, send_digests


@click.command("notify")
@click.option(
    "--due-days", default=2, show_default=True, help="Warn about follow-ups due within this many days."
)
@click.option("--no-email", is_flag=True, help="Only add in-app notifications.")
@with_appcontext
def notify_command(due_days: int, no_email: bool) -> None:
    """Queue due-soon reminders and email the daily digest of mentoring notifications."""
    with get_db().transaction() as session:
        today = datetime.now(UTC).date()
        added = queue_due_soon(session, today=today, days=due_days)
        assigned = queue_assignments_due(session, today=today, days=due_days)
    click.echo(f"{added} due-soon reminder{'s' if added != 1 else ''} added")
    click.echo(f"{assigned} assigned-module reminder{'s' if assigned != 1 else ''} added")
    if no_email:
        return
    with get_db().transaction() as session:
        sent = send_digests(
            session, current_app.config, base_url=str(current_app.config.get("BASE_URL") or "")
        )
    click.echo(f"{sent} digest{'s' if sent != 1 else ''} sent")


COMMANDS = (notify_command,)
