"""``elearn lrs forward``: send the forwarding outbox to the configured LRSs, or report what is stuck."""

from __future__ import annotations

import click
from flask import current_app

from app.cli.lrs import lrs
from app.database import get_db
from app.lrs_forwarding import forward_once, forward_targets
from learning_record_store.forwarding import backlog


@lrs.command("forward")
@click.option("--report", is_flag=True, help="Only list targets whose oldest statement keeps failing.")
@click.option("--min-attempts", default=3, show_default=True, help="With --report: failed attempts to list.")
def forward(report: bool, min_attempts: int) -> None:
    """Deliver the statements waiting in the outbox once (or, with --report, show what keeps failing)."""
    if report:
        _report(min_attempts)
        return
    if not forward_targets(current_app):
        raise click.ClickException("LRS_FORWARD_TARGETS is not set: there is nowhere to forward to.")
    result = forward_once(current_app)
    for target, count in result.delivered.items():
        error = result.failures.get(target)
        click.echo(f"{target}: delivered {count}" + (f"; failed, will retry: {error}" if error else ""))
    if result.failures:
        raise SystemExit(1)


def _report(min_attempts: int) -> None:
    with get_db(current_app).transaction() as session:
        stuck = backlog(session, min_attempts=min_attempts)
    if not stuck:
        click.echo(f"No target has a statement that failed {min_attempts} times or more.")
        return
    for entry in stuck:
        click.echo(
            f"{entry.target}: {entry.pending} waiting; oldest {entry.oldest_statement_id} "
            f"(queued {entry.oldest_created_at}) failed {entry.attempts} times, "
            f"next try {entry.next_attempt_at}"
        )
        click.echo(f"    last error: {entry.last_error}")
    raise SystemExit(1)


COMMANDS: list[click.Command] = []  # the command joins the ``lrs`` group above
